"""Stephen King and the Gothic horror classics."""

from ._base import L, shelf

UK = "United Kingdom"
KING = L(
    "Stephen King; Stephen King bibliography; Horror fiction; Maine; Doubleday (publisher); "
    "Viking Press; Bram Stoker Award; Castle Rock (Stephen "
    "King); Derry (Stephen King); Tabitha King; Supernatural"
)
TOWER = L(
    "The Dark Tower (series); Roland Deschain; Mid-World; The Man in Black; Donald M. Grant, "
    "Publisher; Michael Whelan; Gunslinger; Category:The Dark Tower books; Dark fantasy; "
    "The Dark Tower (2017 film)"
)
GOTHIC = L(
    "Gothic fiction; Horror fiction; Victorian literature; Category:Gothic novels; "
    "Supernatural; Universal Monsters"
)

# fmt: off
king = shelf(KING, author="Stephen King", genre="Horror fiction", publisher="Doubleday (publisher)",
             site="https://stephenking.com/")
tower = shelf(KING + TOWER, author="Stephen King", genre=("Dark fantasy", "Western fiction"),
              series="The Dark Tower (series)", publisher="Donald M. Grant, Publisher")
gothic = shelf(GOTHIC, genre=("Gothic fiction", "Horror fiction"), country=UK)

BOOKS = [
    king("Carrie (novel)", 1974, "Carrie White; Telekinesis; Bullying; Prom; Religious "
         "fanaticism; Epistolary novel; Carrie (1976 film); Brian De Palma; Debut novel",
         name="Carrie"),
    king("'Salem's Lot", 1975, "Jerusalem's Lot, Maine; Vampire; Ben Mears; Dracula; Kurt "
         "Barlow; Father Callahan; Salem's Lot (1979 miniseries); Tobe Hooper"),
    king("The Shining (novel)", 1977, "Jack Torrance; Danny Torrance; Overlook Hotel; Stanley "
         "Hotel; Alcoholism; Psychic; Haunted house; The Shining (film); Stanley Kubrick; Jack "
         "Nicholson; Colorado", name="The Shining", followed_by="Doctor Sleep (novel)"),
    king("The Stand", 1978, "Captain Trips; Pandemic; Randall Flagg; Mother Abagail; "
         "Apocalyptic and post-apocalyptic fiction; Boulder, Colorado; Las Vegas; Good and "
         "evil; The Stand (1994 miniseries)", genre=("Post-apocalyptic fiction", "Dark fantasy")),
    king("It (novel)", 1986, "Pennywise; Losers' Club; Derry (Stephen King); Clown; Coulrophobia; "
         "Childhood; It (2017 film); It (1990 miniseries); Andy Muschietti; Viking Press; "
         "Shapeshifting", name="It", publisher="Viking Press"),
    king("Misery (novel)", 1987, "Annie Wilkes; Paul Sheldon; Obsessive fan; Psychological "
         "thriller; Misery (film); Kathy Bates; Rob Reiner; Bram Stoker Award for Best Novel; "
         "Colorado", name="Misery", publisher="Viking Press",
         genre=("Psychological horror", "Thriller")),
    king("Pet Sematary", 1983, "Louis Creed; Wendigo; Micmac burial ground; Grief; Death; "
         "Resurrection; Pet Sematary (1989 film); Ludlow, Maine"),
    king("The Green Mile (novel)", 1996, "John Coffey; Paul Edgecomb; Death row; Cold "
         "Mountain Penitentiary; Serial novel; Electric chair; The Green Mile (film); Frank "
         "Darabont; Tom Hanks; Signet Books; Great Depression", name="The Green Mile",
         publisher="Signet Books", genre=("Magical realism", "Fantasy")),
    king("Doctor Sleep (novel)", 2013, "Danny Torrance; True Knot; Psychic; Alcoholics "
         "Anonymous; Overlook Hotel; Doctor Sleep (2019 film); Mike Flanagan; Scribner "
         "(publisher)", name="Doctor Sleep", preceded_by="The Shining (novel)",
         publisher="Scribner (publisher)"),
    tower("The Dark Tower: The Gunslinger", 1982, "The Magazine of Fantasy & Science Fiction; "
          "Jake Chambers; Fix-up; Robert Browning; Childe Roland to the Dark Tower Came",
          followed_by="The Dark Tower II: The Drawing of the Three"),
    tower("The Dark Tower II: The Drawing of the Three", 1987, "Eddie Dean; Odetta Holmes; "
          "Lobstrosities; Dissociative identity disorder; Heroin",
          preceded_by="The Dark Tower: The Gunslinger",
          followed_by="The Dark Tower III: The Waste Lands"),
    tower("The Dark Tower III: The Waste Lands", 1991, "Blaine the Mono; Lud; Jake Chambers; "
          "The Waste Land; T. S. Eliot; Oy (Dark Tower)",
          preceded_by="The Dark Tower II: The Drawing of the Three"),
    gothic("Dracula", 1897, "Bram Stoker; Count Dracula; Vampire; Abraham Van Helsing; Jonathan "
           "Harker; Mina Harker; Transylvania; Whitby; Epistolary novel; Vlad the Impaler; "
           "Archibald Constable and Company; Dracula (1931 film); Bela Lugosi; Nosferatu",
           author="Bram Stoker", publisher="Archibald Constable and Company"),
    gothic("Frankenstein", 1818, "Mary Shelley; Victor Frankenstein; Frankenstein's monster; "
           "Romanticism; Science fiction; The Modern Prometheus; Lackington, Hughes, Harding, "
           "Mavor & Jones; Villa Diodati; Percy Bysshe Shelley; Lord Byron; Epistolary novel; "
           "Frankenstein (1931 film); Boris Karloff; Creation myth",
           author="Mary Shelley", genre=("Gothic fiction", "Science fiction", "Horror fiction"),
           publisher="Lackington, Hughes, Harding, Mavor & Jones"),
    gothic("Strange Case of Dr Jekyll and Mr Hyde", 1886, "Robert Louis Stevenson; Dr. Jekyll "
           "and Mr. Hyde (character); Split personality; Doppelgänger; Gabriel John Utterson; "
           "Novella; Longmans, Green & Co.; Edinburgh", kind="novella",
           author="Robert Louis Stevenson", publisher="Longmans, Green & Co."),
    gothic("The Picture of Dorian Gray", 1890, "Oscar Wilde; Dorian Gray (character); Lord "
           "Henry Wotton; Basil Hallward; Aestheticism; Decadent movement; Hedonism; Faust; "
           "Lippincott's Monthly Magazine; Homosexuality; Ward Lock & Co",
           author="Oscar Wilde", genre=("Gothic fiction", "Philosophical fiction"),
           publisher="Ward Lock & Co"),
    gothic("The Haunting of Hill House", 1959, "Shirley Jackson; Haunted house; Hill House; "
           "Eleanor Vance; Psychological horror; The Haunting (1963 film); Viking Press; The "
           "Haunting of Hill House (TV series); National Book Award", author="Shirley Jackson",
           genre=("Gothic fiction", "Horror fiction"), publisher="Viking Press",
           country="United States"),
]
# fmt: on
