"""Other American classics of the 19th and 20th centuries."""

from ._base import L, shelf

AMERICAN = L(
    "American literature; Great American Novel; Category:American novels adapted into films"
)
TWAIN = AMERICAN + L(
    "Mark Twain; Mississippi River; Hannibal, Missouri; Satire; Chatto & Windus; "
    "American Publishing Company; Picaresque novel"
)
SOUTH = AMERICAN + L("Southern Gothic; Southern United States; Racism; Race in the United States")

# fmt: off
one = shelf(AMERICAN, genre="Novel")
twain = shelf(TWAIN, author="Mark Twain", genre=("Picaresque novel", "Satire"),
              publisher="American Publishing Company")
south = shelf(SOUTH, genre=("Southern Gothic", "Novel"))

BOOKS = [
    twain("Adventures of Huckleberry Finn", 1884, "Huckleberry Finn; Jim (Huckleberry Finn); "
          "Tom Sawyer; Slavery in the United States; Raft; Vernacular; Racism; Censorship; "
          "E. W. Kemble; Charles L. Webster and Company", publisher="Chatto & Windus",
          preceded_by="The Adventures of Tom Sawyer"),
    twain("The Adventures of Tom Sawyer", 1876, "Tom Sawyer; Huckleberry Finn; Becky Thatcher; "
          "Injun Joe; Aunt Polly; St. Petersburg (Tom Sawyer); Whitewashing fence; Children's "
          "literature", genre=("Picaresque novel", "Children's literature"),
          followed_by="Adventures of Huckleberry Finn"),
    one("Moby-Dick", 1851, "Herman Melville; Captain Ahab; Ishmael (Moby-Dick); Moby Dick "
        "(whale); Whaling; Pequod (Moby-Dick); Queequeg; Sperm whale; Nantucket; Whaleship "
        "Essex; Harper & Brothers; Richard Bentley; Dark romanticism; Moby Dick (1956 film)",
        author="Herman Melville", genre=("Adventure fiction", "Epic"),
        publisher="Richard Bentley"),
    one("The Scarlet Letter", 1850, "Nathaniel Hawthorne; Hester Prynne; Arthur Dimmesdale; "
        "Puritans; Adultery; Massachusetts Bay Colony; Dark romanticism; Ticknor and Fields; "
        "Sin; Boston", author="Nathaniel Hawthorne", genre=("Romanticism", "Historical fiction"),
        publisher="Ticknor and Fields"),
    south("To Kill a Mockingbird", 1960, "Harper Lee; Atticus Finch; Scout Finch; Boo Radley; "
          "Tom Robinson (To Kill a Mockingbird); Maycomb, Alabama; Pulitzer Prize for Fiction; "
          "J. B. Lippincott & Co.; To Kill a Mockingbird (film); Gregory Peck; Go Set a "
          "Watchman; Rape; Bildungsroman", author="Harper Lee",
          genre=("Southern Gothic", "Bildungsroman"), publisher="J. B. Lippincott & Co."),
    south("The Sound and the Fury", 1929, "William Faulkner; Compson family; Stream of "
          "consciousness; Yoknapatawpha County; Benjy Compson; Macbeth; Modernism; Jonathan "
          "Cape", author="William Faulkner", publisher="Jonathan Cape and Harrison Smith"),
    south("As I Lay Dying", 1930, "William Faulkner; Bundren family; Yoknapatawpha County; "
          "Stream of consciousness; Multiple narrators; Odyssey; Modernism",
          author="William Faulkner", publisher="Jonathan Cape and Harrison Smith"),
    south("Beloved (novel)", 1987, "Toni Morrison; Slavery in the United States; Margaret "
          "Garner; Sethe; Ghost; Pulitzer Prize for Fiction; Alfred A. Knopf; Beloved (1998 "
          "film); Oprah Winfrey; Nobel Prize in Literature; African-American literature",
          name="Beloved", author="Toni Morrison", publisher="Alfred A. Knopf"),
    one("The Catcher in the Rye", 1951, "J. D. Salinger; Holden Caulfield; New York City; "
        "Teenage rebellion; Alienation; Coming-of-age story; Little, Brown and Company; "
        "Censorship; Phony; Category:Novels set in New York City", author="J. D. Salinger",
        genre=("Realistic fiction", "Coming-of-age story"),
        publisher="Little, Brown and Company"),
    one("Catch-22", 1961, "Joseph Heller; John Yossarian; World War II; Bureaucracy; Satire; "
        "Black comedy; Absurdist fiction; Simon & Schuster; Catch-22 (film); Mike Nichols; "
        "Milo Minderbinder; Pianosa; Anti-war", author="Joseph Heller",
        genre=("Satire", "War novel", "Black comedy"), publisher="Simon & Schuster"),
    one("On the Road", 1957, "Jack Kerouac; Beat Generation; Neal Cassady; Dean Moriarty; "
        "Sal Paradise; Road trip; Jazz; Viking Press; Roman à clef; Allen Ginsberg; "
        "Counterculture", author="Jack Kerouac", genre=("Roman à clef", "Novel"),
        publisher="Viking Press"),
    one("Lolita", 1955, "Vladimir Nabokov; Humbert Humbert; Dolores Haze; Unreliable narrator; "
        "Olympia Press; Pedophilia; Lolita (1962 film); Stanley Kubrick; Censorship; Road "
        "trip; Nymphet", author="Vladimir Nabokov", genre=("Tragicomedy", "Novel"),
        publisher="Olympia Press"),
    one("Gone with the Wind (novel)", 1936, "Margaret Mitchell; Scarlett O'Hara; Rhett Butler; "
        "American Civil War; Reconstruction era; Atlanta; Tara (plantation); Pulitzer Prize "
        "for Fiction; Macmillan Publishers; Gone with the Wind (film); Vivien Leigh; Clark "
        "Gable; Historical fiction", name="Gone with the Wind", author="Margaret Mitchell",
        genre=("Historical novel", "Romance novel"), publisher="Macmillan Publishers"),
    one("Invisible Man", 1952, "Ralph Ellison; African-American literature; Racism; Identity "
        "(social science); Harlem; National Book Award; Random House; Black nationalism; "
        "Bildungsroman; Booker T. Washington", author="Ralph Ellison",
        genre=("Bildungsroman", "African-American literature"), publisher="Random House"),
]
# fmt: on
