"""Isaac Asimov (Foundation, Robots) and Douglas Adams's Hitchhiker's Guide."""

from ._base import L, shelf

ASIMOV = L(
    "Isaac Asimov; Isaac Asimov bibliography; Golden Age of Science Fiction; "
    "Astounding Science Fiction; John W. Campbell; Doubleday (publisher); Galactic Empire; "
    "Category:Books by Isaac Asimov"
)
FOUNDATION = ASIMOV + L(
    "Foundation series; Psychohistory (fictional); Hari Seldon; Trantor; Terminus (Foundation); "
    "Seldon Plan; Second Foundation; Encyclopedia Galactica; Mule (Foundation); "
    "Decline and Fall of the Roman Empire; Foundation (TV series); "
    "Hugo Award for Best All-Time Series"
)
ROBOTS = ASIMOV + L(
    "Robot series (Asimov); Three Laws of Robotics; Positronic brain; U.S. Robots and "
    "Mechanical Men; Susan Calvin; Robot; Artificial intelligence; Elijah Baley; R. Daneel Olivaw"
)
GUIDE = L(
    "Douglas Adams; The Hitchhiker's Guide to the Galaxy; Arthur Dent; Ford Prefect "
    "(character); Zaphod Beeblebrox; Marvin the Paranoid Android; Trillian (character); "
    "Comic science fiction; BBC Radio 4; Pan Books; Heart of Gold (spaceship); "
    "Category:The Hitchhiker's Guide to the Galaxy; Absurdist fiction"
)

# fmt: off
foundation = shelf(
    FOUNDATION, author="Isaac Asimov", genre="Science fiction", series="Foundation series",
    publisher="Doubleday (publisher)",
)
robots = shelf(ROBOTS, author="Isaac Asimov", genre="Science fiction",
               publisher="Doubleday (publisher)")
asimov = shelf(ASIMOV, author="Isaac Asimov", genre="Science fiction",
               publisher="Doubleday (publisher)")
guide = shelf(
    GUIDE, author="Douglas Adams", genre=("Comic science fiction", "Science fiction"),
    series="The Hitchhiker's Guide to the Galaxy", publisher="Pan Books",
    country="United Kingdom", media="Print (Paperback)",
)

BOOKS = [
    foundation(
        "Foundation (Asimov novel)", 1951,
        "Salvor Hardin; Hober Mallow; Gnome Press; Encyclopedists; Fix-up; "
        "Foundation Trilogy; Category:Novels first published in serial form",
        name="Foundation", publisher="Gnome Press", followed_by="Foundation and Empire",
    ),
    foundation(
        "Foundation and Empire", 1952,
        "Mule (Foundation); Bel Riose; Bayta Darell; Gnome Press; Foundation Trilogy; "
        "Category:Novels first published in serial form",
        publisher="Gnome Press", preceded_by="Foundation (Asimov novel)",
        followed_by="Second Foundation",
    ),
    foundation(
        "Second Foundation", 1953,
        "Arkady Darell; Gnome Press; Foundation Trilogy; Star's End; "
        "Category:Novels first published in serial form",
        publisher="Gnome Press", preceded_by="Foundation and Empire",
        followed_by="Foundation's Edge",
    ),
    foundation(
        "Foundation's Edge", 1982,
        "Golan Trevize; Janov Pelorat; Gaia (Foundation); Hugo Award for Best Novel; "
        "Locus Award for Best Science Fiction Novel; Earth",
        preceded_by="Second Foundation", followed_by="Foundation and Earth",
    ),
    foundation(
        "Foundation and Earth", 1986,
        "Golan Trevize; Janov Pelorat; Gaia (Foundation); R. Daneel Olivaw; Solaria; Aurora; "
        "Earth; Three Laws of Robotics",
        preceded_by="Foundation's Edge",
    ),
    foundation(
        "Prelude to Foundation", 1988,
        "Hari Seldon; R. Daneel Olivaw; Dors Venabili; Prequel; Helicon",
        followed_by="Forward the Foundation",
    ),
    foundation(
        "Forward the Foundation", 1993,
        "Dors Venabili; Wanda Seldon; Prequel; Posthumous publication",
        preceded_by="Prelude to Foundation",
    ),
    robots(
        "I, Robot", 1950,
        "Short story collection; Robbie (short story); Runaround (story); Liar! (short story); "
        "Evidence (short story); The Evitable Conflict; I, Robot (film); Will Smith; Gnome Press",
        publisher="Gnome Press", kind="collection",
    ),
    robots(
        "The Caves of Steel", 1954,
        "Detective fiction; Science fiction detective novel; Spacers (Asimov); Earth; "
        "Galaxy Science Fiction; Category:Novels first published in serial form",
        genre=("Science fiction", "Detective fiction"), followed_by="The Naked Sun",
    ),
    robots(
        "The Naked Sun", 1957,
        "Detective fiction; Solaria; Spacers (Asimov); Agoraphobia; Gladia Delmarre",
        genre=("Science fiction", "Detective fiction"), preceded_by="The Caves of Steel",
    ),
    robots(
        "The Robots of Dawn", 1983,
        "Aurora; Gladia Delmarre; Spacers (Asimov); Detective fiction; Hugo Award for Best Novel",
        preceded_by="The Naked Sun",
    ),
    asimov(
        "The End of Eternity", 1955,
        "Time travel; Eternity (fictional organization); Time loop; Soft science fiction; "
        "Andrew Harlan",
    ),
    asimov(
        "The Gods Themselves", 1972,
        "Parallel universe; Electron pump; Hugo Award for Best Novel; Nebula Award for Best Novel; "
        "Locus Award; Moon; Category:Hugo Award for Best Novel-winning works; "
        "Category:Nebula Award for Best Novel-winning works",
    ),
    guide(
        "The Hitchhiker's Guide to the Galaxy (novel)", 1979,
        "Vogon; Earth; 42 (number); Deep Thought; Slartibartfast; Magrathea; Babel fish; "
        "The Hitchhiker's Guide to the Galaxy (film); Towel Day",
        name="The Hitchhiker's Guide to the Galaxy", followed_by="The Restaurant at the End of the Universe",
    ),
    guide(
        "The Restaurant at the End of the Universe", 1980,
        "Milliways; Total Perspective Vortex; Vogon; Golgafrincham; Zarniwoop",
        preceded_by="The Hitchhiker's Guide to the Galaxy (novel)",
        followed_by="Life, the Universe and Everything",
    ),
    guide(
        "Life, the Universe and Everything", 1982,
        "Krikkit; Slartibartfast; Cricket; Agrajag; Ultimate Question",
        preceded_by="The Restaurant at the End of the Universe",
        followed_by="So Long, and Thanks for All the Fish",
    ),
    guide(
        "So Long, and Thanks for All the Fish", 1984,
        "Fenchurch (character); Dolphins; Earth; God's Final Message to His Creation",
        preceded_by="Life, the Universe and Everything", followed_by="Mostly Harmless",
    ),
    guide(
        "Mostly Harmless", 1992,
        "Random Dent; Vogon; Grebulon; Earth; Heinemann (publisher)",
        publisher="Heinemann (publisher)", preceded_by="So Long, and Thanks for All the Fish",
    ),
]
# fmt: on
