"""Harry Potter, A Song of Ice and Fire and Terry Pratchett's Discworld."""

from ._base import L, book, shelf

UK = "United Kingdom"
POTTER = L(
    "J. K. Rowling; Harry Potter; Harry Potter (character); Hermione Granger; Ron Weasley; "
    "Albus Dumbledore; Lord Voldemort; Hogwarts; Quidditch; Magic in Harry Potter; "
    "Scholastic Corporation; Harry Potter (film series); Warner Bros.; Young adult fiction; "
    "Category:Harry Potter books; Wizarding World; Severus Snape; Muggle"
)
ICE = L(
    "George R. R. Martin; A Song of Ice and Fire; Westeros; Game of Thrones; HBO; "
    "Iron Throne (A Song of Ice and Fire); House Stark; House Lannister; Tyrion Lannister; "
    "Daenerys Targaryen; Jon Snow (character); Night's Watch; Political fiction; "
    "Bantam Spectra; Category:A Song of Ice and Fire books; Epic fantasy"
)
DISC = L(
    "Terry Pratchett; Discworld; Great A'Tuin; Ankh-Morpork; Comic fantasy; Parody; Satire; "
    "Josh Kirby; Victor Gollancz Ltd; Transworld; Category:Discworld books; Unseen University"
)

# fmt: off
potter = shelf(
    POTTER, author="J. K. Rowling", genre=("Fantasy", "Young adult fiction"),
    series="Harry Potter", publisher="Bloomsbury Publishing", country=UK,
    site="https://www.jkrowling.com/",
    media="Print (Hardcover and Paperback)",
)
ice = shelf(ICE, author="George R. R. Martin", genre="Fantasy",
            series="A Song of Ice and Fire", publisher="Bantam Spectra",
            site="https://georgerrmartin.com/")
disc = shelf(DISC, author="Terry Pratchett", genre="Fantasy", series="Discworld",
             publisher="Victor Gollancz Ltd", country=UK,
             site="https://www.terrypratchettbooks.com/")

BOOKS = [
    potter("Harry Potter and the Philosopher's Stone", 1997, "Philosopher's stone; Nicolas "
           "Flamel; Harry Potter and the Philosopher's Stone (film); Chris Columbus (filmmaker); "
           "Privet Drive; Nestlé Smarties Book Prize; Arthur A. Levine Books; Mirror of Erised",
           followed_by="Harry Potter and the Chamber of Secrets"),
    potter("Harry Potter and the Chamber of Secrets", 1998, "Chamber of Secrets; Basilisk; "
           "Tom Riddle's diary; Dobby (Harry Potter); Gilderoy Lockhart; Ginny Weasley; "
           "Harry Potter and the Chamber of Secrets (film)",
           preceded_by="Harry Potter and the Philosopher's Stone",
           followed_by="Harry Potter and the Prisoner of Azkaban"),
    potter("Harry Potter and the Prisoner of Azkaban", 1999, "Sirius Black; Remus Lupin; "
           "Azkaban; Dementor; Time travel; Peter Pettigrew; Alfonso Cuarón; Hugo Award for "
           "Best Novel; Harry Potter and the Prisoner of Azkaban (film); Whitbread Book Award",
           preceded_by="Harry Potter and the Chamber of Secrets",
           followed_by="Harry Potter and the Goblet of Fire"),
    potter("Harry Potter and the Goblet of Fire", 2000, "Triwizard Tournament; Cedric Diggory; "
           "Barty Crouch Jr; Hugo Award for Best Novel; Category:Hugo Award for Best "
           "Novel-winning works; Harry Potter and the Goblet of Fire (film); Death Eater",
           preceded_by="Harry Potter and the Prisoner of Azkaban",
           followed_by="Harry Potter and the Order of the Phoenix"),
    potter("Harry Potter and the Order of the Phoenix", 2003, "Order of the Phoenix "
           "(fictional organisation); Dolores Umbridge; Ministry of Magic; Sirius Black; "
           "Luna Lovegood; Death Eater; Harry Potter and the Order of the Phoenix (film)",
           preceded_by="Harry Potter and the Goblet of Fire",
           followed_by="Harry Potter and the Half-Blood Prince"),
    potter("Harry Potter and the Half-Blood Prince", 2005, "Horcrux; Severus Snape; Draco "
           "Malfoy; Tom Riddle; Harry Potter and the Half-Blood Prince (film); David Yates",
           preceded_by="Harry Potter and the Order of the Phoenix",
           followed_by="Harry Potter and the Deathly Hallows"),
    potter("Harry Potter and the Deathly Hallows", 2007, "Deathly Hallows; Horcrux; Battle of "
           "Hogwarts; Elder Wand; Harry Potter and the Deathly Hallows – Part 1; Harry Potter "
           "and the Deathly Hallows – Part 2; David Yates; Death Eater",
           preceded_by="Harry Potter and the Half-Blood Prince"),
    potter("Harry Potter and the Cursed Child", 2016, "Jack Thorne; John Tiffany; Albus Severus "
           "Potter; Scorpius Malfoy; Palace Theatre, London; Laurence Olivier Award; Play "
           "(theatre); Little, Brown and Company", kind="play",
           author=("J. K. Rowling", "Jack Thorne", "John Tiffany"), genre=("Fantasy", "Drama"),
           publisher="Little, Brown and Company"),
    ice("A Game of Thrones", 1996, "Eddard Stark; Robert Baratheon; Catelyn Stark; Arya Stark; "
        "Bran Stark; Direwolf; Winterfell; Locus Award for Best Fantasy Novel; "
        "Hugo Award for Best Novella; Game of Thrones (season 1)", followed_by="A Clash of Kings"),
    ice("A Clash of Kings", 1998, "War of the Five Kings; Stannis Baratheon; Renly Baratheon; "
        "Battle of the Blackwater; Theon Greyjoy; Locus Award for Best Fantasy Novel",
        preceded_by="A Game of Thrones", followed_by="A Storm of Swords"),
    ice("A Storm of Swords", 2000, "Red Wedding; Robb Stark; Jaime Lannister; Joffrey Baratheon; "
        "Purple Wedding; Locus Award for Best Fantasy Novel; Hugo Award for Best Novel",
        preceded_by="A Clash of Kings", followed_by="A Feast for Crows"),
    ice("A Feast for Crows", 2005, "Cersei Lannister; Brienne of Tarth; Dorne; Iron Islands; "
        "Faith of the Seven; Jaime Lannister", preceded_by="A Storm of Swords",
        followed_by="A Dance with Dragons"),
    ice("A Dance with Dragons", 2011, "Meereen; Dragon; Essos; Jon Snow (character); "
        "Theon Greyjoy; Locus Award for Best Fantasy Novel", preceded_by="A Feast for Crows"),
    disc("The Colour of Magic", 1983, "Rincewind; Twoflower; The Luggage; Colin Smythe; "
         "Fafhrd and the Gray Mouser; The Colour of Magic (TV film)", publisher="Colin Smythe",
         followed_by="The Light Fantastic"),
    disc("The Light Fantastic", 1986, "Rincewind; Twoflower; Cohen the Barbarian; "
         "The Luggage; Colin Smythe", publisher="Colin Smythe", preceded_by="The Colour of Magic"),
    disc("Mort (novel)", 1987, "Death (Discworld); Mort (Discworld); Apprenticeship; Ysabell",
         name="Mort"),
    disc("Guards! Guards!", 1989, "City Watch (Discworld); Samuel Vimes; Carrot Ironfoundersson; "
         "Lady Sybil Ramkin; Dragon; Noble dragon; Police procedural"),
    disc("Small Gods", 1992, "Om (Discworld); Brutha; Omnia (Discworld); Religion; "
         "Theocracy; Philosophy"),
    disc("Going Postal", 2004, "Moist von Lipwig; Post office; Clacks (Discworld); "
         "Going Postal (film); Sky One; Capitalism; Transworld", publisher="Doubleday (publisher)"),
    book("Good Omens", year=1990, author=("Terry Pratchett", "Neil Gaiman"),
         genre=("Comic fantasy", "Fantasy"), publisher="Victor Gollancz Ltd", country=UK,
         links=L("Neil Gaiman; Antichrist; Crowley (Good Omens); Aziraphale; Apocalypse; "
                 "Good Omens (TV series); Satire; Parody; Discworld; Josh Kirby; Book of Revelation")),
]
# fmt: on
