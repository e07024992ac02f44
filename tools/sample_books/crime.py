"""Agatha Christie, Sherlock Holmes and American hardboiled crime fiction."""

from ._base import L, shelf

UK = "United Kingdom"
CRIME = "Crime fiction; Detective fiction; Whodunit"
CHRISTIE = L(
    CRIME + "; Agatha Christie; Golden Age of Detective Fiction; Collins Crime Club; "
    "Agatha Christie bibliography; Cosy mystery; "
    "Dodd, Mead and Company"
)
POIROT = CHRISTIE + L(
    "Hercule Poirot; Arthur Hastings; Inspector Japp; Category:Hercule Poirot novels; "
    "Agatha Christie's Poirot; David Suchet"
)
MARPLE = CHRISTIE + L(
    "Miss Marple; St. Mary Mead; Category:Miss Marple novels; Agatha Christie's Marple; "
    "Joan Hickson"
)
HOLMES = L(
    CRIME + "; Arthur Conan Doyle; Sherlock Holmes; Dr. Watson; 221B Baker Street; "
    "Canon of Sherlock Holmes; Victorian era; London; Sidney Paget; Scotland Yard; "
    "Inspector Lestrade; Sherlock (TV series); "
    "Jeremy Brett; Basil Rathbone"
)
NOIR = L(
    CRIME + "; Hardboiled; Private investigator; Alfred A. Knopf; Film noir; "
    "Black Mask (magazine); Category:American detective novels; Los Angeles"
)

# fmt: off
poirot = shelf(POIROT, author="Agatha Christie", genre="Crime novel", country=UK,
               publisher="Collins Crime Club")
marple = shelf(MARPLE, author="Agatha Christie", genre="Crime novel", country=UK,
               publisher="Collins Crime Club")
christie = shelf(CHRISTIE, author="Agatha Christie", genre="Crime novel", country=UK,
                 publisher="Collins Crime Club")
holmes = shelf(HOLMES, author="Arthur Conan Doyle", genre="Detective fiction", country=UK,
               series="Sherlock Holmes", publisher="George Newnes")
noir = shelf(NOIR, genre=("Hardboiled", "Crime novel"), publisher="Alfred A. Knopf")

BOOKS = [
    poirot("The Mysterious Affair at Styles", 1920, "Debut novel; Essex; Strychnine; "
           "World War I; John Lane (publisher); The Bodley Head", publisher="The Bodley Head"),
    poirot("The Murder of Roger Ackroyd", 1926, "Unreliable narrator; King's Abbot; Dr. "
           "James Sheppard; Twist ending; Detection Club; Ronald Knox; William Collins, Sons",
           publisher="William Collins, Sons"),
    poirot("Murder on the Orient Express", 1934, "Orient Express; Lindbergh kidnapping; "
           "Simplon Orient Express; Yugoslavia; Murder on the Orient Express (1974 film); "
           "Murder on the Orient Express (2017 film); Kenneth Branagh; Sidney Lumet; "
           "Locked-room mystery"),
    poirot("The A.B.C. Murders", 1936, "Serial killer; ABC rail guide; Alexander Bonaparte "
           "Cust; Andover; Bexhill-on-Sea; Churston Ferrers; The ABC Murders (TV series)"),
    poirot("Death on the Nile", 1937, "Nile; Egypt; SS Karnak; Linnet Ridgeway; Colonel Race; "
           "Death on the Nile (1978 film); Peter Ustinov; Kenneth Branagh"),
    poirot("Five Little Pigs", 1942, "Cold case; Carla Lemarchant; Amyas Crale; This Little "
           "Piggy; Painter"),
    marple("The Murder at the Vicarage", 1930, "Vicar; Colonel Protheroe; Leonard Clement; "
           "Debut novel; Village"),
    marple("A Murder Is Announced", 1950, "Chipping Cleghorn; Letitia Blacklock; Newspaper "
           "advertisement; Inspector Craddock"),
    marple("The Body in the Library", 1942, "Gossington Hall; Colonel Bantry; Dolly Bantry; "
           "Library"),
    christie("And Then There Were None", 1939, "Soldier Island; Ten Little Indians (song); "
             "Serial killer; Locked-room mystery; Justice; Best-selling books; And Then There "
             "Were None (1945 film); Devon; Bestseller", genre=("Crime novel", "Mystery")),
    christie("The Mousetrap", 1952, "Play (theatre); West End theatre; St Martin's Theatre; "
             "Three Blind Mice (short story); Longest-running play; Richard Attenborough",
             kind="play", genre=("Murder mystery", "Play (theatre)"), publisher="Samuel French"),
    holmes("A Study in Scarlet", 1887, "Beeton's Christmas Annual; Jefferson Hope; Mormonism; "
           "Utah; Ward Lock & Co; Tobias Gregson; Debut novel", publisher="Ward Lock & Co",
           followed_by="The Sign of the Four"),
    holmes("The Sign of the Four", 1890, "Lippincott's Monthly Magazine; Mary Morstan; Agra "
           "treasure; Indian Rebellion of 1857; Andaman Islands; Cocaine; Spencer Blackett",
           preceded_by="A Study in Scarlet", publisher="Spencer Blackett"),
    holmes("The Hound of the Baskervilles", 1902, "Dartmoor; Baskerville Hall; Hellhound; "
           "Black dog (folklore); Grimpen Mire; The Strand Magazine; Gothic fiction; "
           "The Hound of the Baskervilles (1939 film); Devon; Henry Baskerville"),
    holmes("The Valley of Fear", 1915, "Professor Moriarty; Pinkerton National Detective "
           "Agency; Molly Maguires; Pennsylvania; Birlstone; Smith, Elder & Co.",
           publisher="Smith, Elder & Co."),
    holmes("The Adventures of Sherlock Holmes", 1892, "A Scandal in Bohemia; Irene Adler; "
           "The Red-Headed League; The Speckled Band; The Strand Magazine; Short story "
           "collection", kind="collection", followed_by="The Memoirs of Sherlock Holmes"),
    holmes("The Memoirs of Sherlock Holmes", 1894, "The Final Problem; Professor Moriarty; "
           "Reichenbach Falls; Silver Blaze; The Strand Magazine; Mycroft Holmes; Short story "
           "collection", kind="collection", preceded_by="The Adventures of Sherlock Holmes",
           followed_by="The Return of Sherlock Holmes"),
    holmes("The Return of Sherlock Holmes", 1905, "The Adventure of the Empty House; Colonel "
           "Sebastian Moran; The Adventure of the Dancing Men; The Strand Magazine; Short "
           "story collection; McClure, Phillips & Co.", kind="collection",
           preceded_by="The Memoirs of Sherlock Holmes"),
    noir("The Big Sleep", 1939, "Raymond Chandler; Philip Marlowe; Sternwood family; The Big "
         "Sleep (1946 film); Humphrey Bogart; Lauren Bacall; Howard Hawks; William Faulkner; "
         "Pornography", author="Raymond Chandler", followed_by="Farewell, My Lovely"),
    noir("Farewell, My Lovely", 1940, "Raymond Chandler; Philip Marlowe; Moose Malloy; Bay "
         "City (Chandler); Murder, My Sweet; Dick Powell", author="Raymond Chandler",
         preceded_by="The Big Sleep"),
    noir("The Long Goodbye (novel)", 1953, "Raymond Chandler; Philip Marlowe; Terry Lennox; "
         "Edgar Award; The Long Goodbye (film); Robert Altman; Elliott Gould; Hamish Hamilton",
         name="The Long Goodbye", author="Raymond Chandler", publisher="Hamish Hamilton"),
    noir("The Maltese Falcon (novel)", 1930, "Dashiell Hammett; Sam Spade; Maltese Falcon "
         "(statuette); Brigid O'Shaughnessy; Knights Hospitaller; San Francisco; The Maltese "
         "Falcon (1941 film); John Huston; Humphrey Bogart", name="The Maltese Falcon",
         author="Dashiell Hammett"),
]
# fmt: on
