"""Hemingway, Fitzgerald and Steinbeck."""

from ._base import L, shelf

US = "American literature; Category:American novels adapted into films; Modernist literature"
HEMINGWAY = L(
    US + "; Ernest Hemingway; Lost Generation; Iceberg theory; Charles Scribner's Sons; "
    "Maxwell Perkins; Nobel Prize in Literature; "
    "Ernest Hemingway bibliography; Masculinity"
)
FITZGERALD = L(
    US + "; F. Scott Fitzgerald; Jazz Age; Lost Generation; Charles Scribner's Sons; "
    "Maxwell Perkins; Zelda Fitzgerald; Roaring Twenties"
    "Fitzgerald; American Dream"
)
STEINBECK = L(
    US + "; John Steinbeck; Salinas Valley; California; Great Depression; Viking Press; "
    "Nobel Prize in Literature; Working class; "
    "Category:Novels set in California"
)

# fmt: off
hemingway = shelf(HEMINGWAY, author="Ernest Hemingway", genre="Novel",
                  publisher="Charles Scribner's Sons")
fitzgerald = shelf(FITZGERALD, author="F. Scott Fitzgerald", genre="Novel",
                   publisher="Charles Scribner's Sons")
steinbeck = shelf(STEINBECK, author="John Steinbeck", genre="Novel", publisher="Viking Press")

BOOKS = [
    hemingway("The Sun Also Rises", 1926, "Jake Barnes; Lady Brett Ashley; Pamplona; "
              "Running of the bulls; Bullfighting; Paris; World War I; Impotence; "
              "Ecclesiastes; The Sun Also Rises (1957 film); Gertrude Stein",
              genre=("Roman à clef", "Modernist literature")),
    hemingway("A Farewell to Arms", 1929, "Frederic Henry; Catherine Barkley; Italian Front "
              "(World War I); Battle of Caporetto; War novel; A Farewell to Arms (1932 film); "
              "Ambulance; Semi-autobiographical novel", genre="War novel"),
    hemingway("For Whom the Bell Tolls", 1940, "Robert Jordan (character); Spanish Civil War; "
              "International Brigades; Guerrilla warfare; John Donne; Meditation XVII; For Whom "
              "the Bell Tolls (film); Gary Cooper; Ingrid Bergman", genre="War novel"),
    hemingway("The Old Man and the Sea", 1952, "Santiago (The Old Man and the Sea); Marlin; "
              "Cuba; Gulf Stream; Fishing; Pulitzer Prize for Fiction; Life (magazine); "
              "Novella; Perseverance; The Old Man and the Sea (1958 film); Spencer Tracy",
              kind="novella", genre=("Literary fiction", "Novella")),
    hemingway("To Have and Have Not", 1937, "Harry Morgan (character); Key West, Florida; "
              "Great Depression; Smuggling; Cuba; To Have and Have Not (film); Humphrey "
              "Bogart; Howard Hawks"),
    hemingway("A Moveable Feast", 1964, "Memoir; Paris; Gertrude Stein; Ezra Pound; F. Scott "
              "Fitzgerald; Hadley Richardson; Shakespeare and Company (bookstore); Posthumous "
              "publication; Lost Generation", kind="book", genre="Memoir"),
    fitzgerald("The Great Gatsby", 1925, "Jay Gatsby; Daisy Buchanan; Nick Carraway; Tom "
               "Buchanan; Long Island; West Egg; Valley of Ashes; Green light; Prohibition in "
               "the United States; The Great Gatsby (2013 film); Baz Luhrmann; Leonardo "
               "DiCaprio; Francis Cugat; Great American Novel; Category:Novels set in Long Island"),
    fitzgerald("Tender Is the Night", 1934, "Dick Diver; Nicole Diver; French Riviera; "
               "Psychiatry; Schizophrenia; Zelda Fitzgerald; Ode to a Nightingale; John Keats; "
               "Semi-autobiographical novel"),
    fitzgerald("This Side of Paradise", 1920, "Amory Blaine; Princeton University; Flapper; "
               "Debut novel; Rupert Brooke; Bildungsroman; Ginevra King"),
    fitzgerald("The Beautiful and Damned", 1922, "Anthony Patch; Gloria Gilbert; New York "
               "City; Alcoholism; Metropolitan Magazine; Wealth; Café society"),
    fitzgerald("The Last Tycoon (Fitzgerald novel)", 1941, "Monroe Stahr; Irving Thalberg; "
               "Hollywood; Unfinished novel; Edmund Wilson; Posthumous publication; "
               "The Last Tycoon (1976 film); Elia Kazan", name="The Last Tycoon"),
    steinbeck("The Grapes of Wrath", 1939, "Joad family; Tom Joad; Dust Bowl; Okies; Migrant "
              "worker; Route 66; Oklahoma; National Book Award; Pulitzer Prize for Fiction; "
              "The Grapes of Wrath (film); John Ford; Henry Fonda; Battle Hymn of the Republic; "
              "Social criticism", genre=("Novel", "Social criticism")),
    steinbeck("Of Mice and Men", 1937, "George Milton; Lennie Small; Novella; Soledad, "
              "California; To a Mouse; Robert Burns; American Dream; Loneliness; Of Mice and "
              "Men (1939 film); Of Mice and Men (1992 film); Gary Sinise; Migrant worker; "
              "Covici-Friede", kind="novella", genre=("Novella", "Tragedy"),
              publisher="Covici-Friede"),
    steinbeck("East of Eden (novel)", 1952, "Trask family; Cain and Abel; Timshel; Cathy Ames; "
              "Samuel Hamilton; Salinas, California; East of Eden (film); James Dean; Elia "
              "Kazan; Oprah's Book Club; Good and evil", name="East of Eden"),
    steinbeck("Cannery Row (novel)", 1945, "Monterey, California; Ed Ricketts; Sardine canning; "
              "Mack and the boys; Cannery Row (film); Sweet Thursday; Doc (Cannery Row)",
              name="Cannery Row", followed_by="Sweet Thursday"),
    steinbeck("Tortilla Flat", 1935, "Monterey, California; Paisano; Danny (Tortilla Flat); "
              "Arthurian legend; Tortilla Flat (film); Covici-Friede", publisher="Covici-Friede"),
    steinbeck("The Pearl (novella)", 1947, "Kino (The Pearl); La Paz; Pearl; Greed; Parable; "
               "La Perla (film); Mexican folklore", name="The Pearl", kind="novella",
               genre=("Novella", "Parable")),
    steinbeck("Travels with Charley", 1962, "Travel literature; Poodle; Rocinante; Road trip; "
              "Civil rights movement; New Orleans; Memoir", kind="book",
              genre="Travel literature"),
]
# fmt: on
