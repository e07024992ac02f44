"""Orwell, Huxley, Bradbury, Atwood, The Hunger Games and other dystopias."""

from ._base import L, shelf

UK = "United Kingdom"
DYSTOPIA = "Dystopia; Totalitarianism; Category:Dystopian novels"
ORWELL = L(
    "George Orwell; George Orwell bibliography; Secker & Warburg; Democratic socialism; "
    "Political satire; Eric Arthur Blair"
)
HUXLEY = L("Aldous Huxley; Chatto & Windus; Bloomsbury Group")
BRADBURY = L("Ray Bradbury; Ray Bradbury bibliography; Ballantine Books; Censorship")
ATWOOD = L(
    "Margaret Atwood; McClelland & Stewart; Speculative fiction; Feminism; "
    "Governor General's Award; Booker Prize"
)
PANEM = L(
    "Suzanne Collins; The Hunger Games; Panem; Katniss Everdeen; Peeta Mellark; Gale "
    "Hawthorne; President Snow; District 12; Haymitch Abernathy; Scholastic Corporation; "
    "Young adult fiction; Lionsgate; Jennifer Lawrence; Category:The Hunger Games; "
    "Reality television; Dystopia"
)

# fmt: off
orwell = shelf(ORWELL, author="George Orwell", genre="Political fiction", country=UK,
               publisher="Secker & Warburg")
huxley = shelf(HUXLEY, author="Aldous Huxley", genre="Novel", country=UK,
               publisher="Chatto & Windus")
bradbury = shelf(BRADBURY, author="Ray Bradbury", genre="Science fiction",
                 publisher="Ballantine Books")
atwood = shelf(ATWOOD, author="Margaret Atwood", genre="Speculative fiction", country="Canada",
               site="https://margaretatwood.ca/",
               publisher="McClelland & Stewart")
panem = shelf(PANEM, author="Suzanne Collins", genre=("Dystopian fiction", "Young adult fiction"),
              series="The Hunger Games", publisher="Scholastic Corporation")
one = shelf()

BOOKS = [
    orwell("Nineteen Eighty-Four", 1949, f"{DYSTOPIA}; Big Brother (Nineteen Eighty-Four); "
           "Winston Smith; Newspeak; Doublethink; Thought Police; Ingsoc; Room 101; Oceania "
           "(Nineteen Eighty-Four); Mass surveillance; Nineteen Eighty-Four (1984 film); "
           "Propaganda; Censorship; Airstrip One",
           genre=("Dystopian fiction", "Political fiction", "Social science fiction")),
    orwell("Animal Farm", 1945, "Allegory; Political satire; Russian Revolution; Joseph Stalin; "
           "Leon Trotsky; Napoleon (Animal Farm); Snowball (Animal Farm); Boxer (Animal Farm); "
           "Totalitarianism; Animal Farm (1954 film); Beast fable; Retro Hugo Award",
           genre=("Political satire", "Allegory")),
    orwell("Homage to Catalonia", 1938, "Spanish Civil War; POUM; Barcelona May Days; "
           "Independent Labour Party; Catalonia; Memoir; Anarchism in Spain",
           kind="book", genre="Memoir"),
    orwell("Down and Out in Paris and London", 1933, "Poverty; Tramp; Memoir; Paris; London; "
           "Victor Gollancz Ltd; Homelessness", kind="book", genre="Memoir",
           publisher="Victor Gollancz Ltd"),
    orwell("Burmese Days", 1934, "British Raj; Burma; Imperialism; Colonialism; Harper & "
           "Brothers; John Flory", genre="Novel", publisher="Harper & Brothers"),
    orwell("Keep the Aspidistra Flying", 1936, "Gordon Comstock; Aspidistra; Money; London; "
           "Keep the Aspidistra Flying (film); Victor Gollancz Ltd", genre="Novel",
           publisher="Victor Gollancz Ltd"),
    huxley("Brave New World", 1932, f"{DYSTOPIA}; World State; Soma (Brave New World); "
           "Bernard Marx; John the Savage; Eugenics; Hypnopaedia; Fordism; Henry Ford; "
           "Consumerism; Brave New World Revisited; Social science fiction",
           genre=("Dystopian fiction", "Science fiction")),
    huxley("Island (Huxley novel)", 1962, "Utopia; Pala (Island); Moksha medicine; "
           "Psychedelic drug; Buddhism; Utopian fiction", name="Island",
           genre=("Utopian fiction", "Philosophical fiction")),
    huxley("Point Counter Point", 1928, "Roman à clef; D. H. Lawrence; Counterpoint; "
           "Modernism; Satire", genre="Novel of ideas"),
    huxley("The Doors of Perception", 1954, "Mescaline; Psychedelic experience; William "
           "Blake; Perennial philosophy; The Doors; Heaven and Hell (essay)", kind="book",
           genre="Philosophy", publisher="Chatto & Windus"),
    bradbury("Fahrenheit 451", 1953, f"{DYSTOPIA}; Guy Montag; Book burning; Firemen "
             "(Fahrenheit 451); Mass media; Television; Censorship; Fahrenheit 451 (1966 film); "
             "François Truffaut; Prometheus Award; Retro Hugo Award; Social science fiction",
             genre=("Dystopian fiction", "Science fiction")),
    bradbury("The Martian Chronicles", 1950, "Mars; Martians; Mars colonization; Fix-up; "
             "Doubleday (publisher); Colonialism; Nuclear warfare", publisher="Doubleday (publisher)",
             kind="collection"),
    bradbury("Something Wicked This Way Comes (novel)", 1962, "Green Town, Illinois; Carnival; "
             "Mr. Dark; Horror fiction; Simon & Schuster; Macbeth",
             name="Something Wicked This Way Comes", genre=("Dark fantasy", "Horror fiction"),
             publisher="Simon & Schuster"),
    bradbury("Dandelion Wine", 1957, "Green Town, Illinois; Douglas Spaulding; Summer; "
             "Nostalgia; Semi-autobiographical", genre="Novel", publisher="Doubleday (publisher)"),
    atwood("The Handmaid's Tale", 1985, f"{DYSTOPIA}; Republic of Gilead; Offred; Theocracy; "
           "Women's rights; Arthur C. Clarke Award; The Handmaid's Tale (TV series); Hulu; "
           "Reproductive rights", genre=("Dystopian fiction", "Speculative fiction"),
           followed_by="The Testaments"),
    atwood("Oryx and Crake", 2003, "MaddAddam; Genetic engineering; Apocalyptic and "
           "post-apocalyptic fiction; Crakers; Bioterrorism; Snowman (Oryx and Crake)",
           genre=("Speculative fiction", "Science fiction")),
    atwood("Alias Grace", 1996, "Grace Marks; Historical fiction; Murder; Canada West; "
           "Alias Grace (miniseries); Giller Prize", genre="Historical fiction"),
    one("We (novel)", 1924, f"Yevgeny Zamyatin; {DYSTOPIA}; One State; D-503; Benefactor (We); "
        "Russian Revolution; Soviet censorship; Social science fiction",
        name="We", author="Yevgeny Zamyatin", genre=("Dystopian fiction", "Science fiction"),
        publisher="E. P. Dutton", country="Soviet Union", language="Russian"),
    one("A Clockwork Orange (novel)", 1962, f"Anthony Burgess; {DYSTOPIA}; Alex (A Clockwork "
        "Orange); Nadsat; Ultraviolence; Ludovico technique; A Clockwork Orange (film); "
        "Stanley Kubrick; Free will; Heinemann (publisher)", name="A Clockwork Orange",
        author="Anthony Burgess", genre=("Dystopian fiction", "Satire"),
        publisher="Heinemann (publisher)", country=UK),
    one("Lord of the Flies", 1954, "William Golding; Ralph (Lord of the Flies); Piggy (Lord of "
        "the Flies); Jack Merridew; Allegory; Human nature; Savagery; Desert island; Faber and "
        "Faber; Nobel Prize in Literature; Lord of the Flies (1963 film); The Coral Island",
        author="William Golding", genre=("Allegory", "Adventure fiction"),
        publisher="Faber and Faber", country=UK),
    one("The Giver", 1993, "Lois Lowry; Utopia; Dystopia; Newbery Medal; Young adult fiction; "
        "Houghton Mifflin; Memory; Euthanasia; The Giver (film); Giver Quartet",
        author="Lois Lowry", genre=("Dystopian fiction", "Young adult fiction"),
        publisher="Houghton Mifflin"),
    panem("The Hunger Games (novel)", 2008, "Hunger Games (event); Rue (The Hunger Games); "
          "The Hunger Games (film); Gary Ross; Battle royale; Theseus",
          name="The Hunger Games", followed_by="Catching Fire"),
    panem("Catching Fire", 2009, "Quarter Quell; Finnick Odair; Mockingjay (symbol); "
          "The Hunger Games: Catching Fire; Francis Lawrence; Rebellion",
          preceded_by="The Hunger Games (novel)", followed_by="Mockingjay"),
    panem("Mockingjay", 2010, "District 13; Alma Coin; Mockingjay (symbol); Civil war; "
          "The Hunger Games: Mockingjay – Part 1; The Hunger Games: Mockingjay – Part 2; "
          "Francis Lawrence; Propaganda", preceded_by="Catching Fire"),
    one("Divergent (novel)", 2011, "Veronica Roth; Tris Prior; Factions (Divergent); Chicago; "
        "Young adult fiction; Dystopia; Katherine Tegen Books; Divergent (film); Lionsgate; "
        "Goodreads Choice Awards", name="Divergent", author="Veronica Roth",
        genre=("Dystopian fiction", "Young adult fiction"), publisher="Katherine Tegen Books"),
]
# fmt: on
