"""Popular science: Hawking, Sagan, Dawkins and other widely read science books."""

from ._base import L, shelf

UK = "United Kingdom"
POPSCI = L("Popular science; Science communication; Category:Popular science books")
HAWKING = POPSCI + L(
    "Stephen Hawking; Cosmology; Black hole; Big Bang; General relativity; Quantum mechanics; "
    "Theory of everything; Bantam Books; Universe"
)
SAGAN = POPSCI + L(
    "Carl Sagan; Astronomy; Cosmos; Skepticism; Scientific method; Random House; "
    "Extraterrestrial life; Ann Druyan"
)
DAWKINS = POPSCI + L(
    "Richard Dawkins; Evolutionary biology; Natural selection; Gene-centered view of "
    "evolution; Charles Darwin; Oxford University Press"
)
EVOLUTION = L("Evolution; Natural selection; Biology; Charles Darwin")

# fmt: off
hawking = shelf(HAWKING, author="Stephen Hawking", genre="Popular science", kind="book",
                publisher="Bantam Books", country=UK)
sagan = shelf(SAGAN, author="Carl Sagan", genre="Popular science", kind="book",
              publisher="Random House")
dawkins = shelf(DAWKINS, author="Richard Dawkins", genre="Popular science", kind="book",
                publisher="Oxford University Press", country=UK)
pop = shelf(POPSCI, genre="Popular science", kind="book")

BOOKS = [
    hawking("A Brief History of Time", 1988, "Event horizon; Hawking radiation; Arrow of "
            "time; Wormhole; Uncertainty principle; Carl Sagan; Best-seller; A Brief History "
            "of Time (film); Errol Morris; Illustrated edition"),
    hawking("The Universe in a Nutshell", 2001, "M-theory; Supergravity; Brane cosmology; "
            "Holographic principle; Aventis Prizes for Science Books; Time travel"),
    hawking("The Grand Design (book)", 2010, "Leonard Mlodinow; M-theory; Model-dependent "
            "realism; Multiverse; Existence of God; Anthropic principle",
            name="The Grand Design", author=("Stephen Hawking", "Leonard Mlodinow")),
    sagan("Cosmos (Sagan book)", 1980, "Cosmos: A Personal Voyage; PBS; Cosmic Calendar; "
          "Drake equation; Library of Alexandria; Johannes Kepler; Voyager program; "
          "Cosmos: A Spacetime Odyssey; Neil deGrasse Tyson", name="Cosmos"),
    sagan("Pale Blue Dot (book)", 1994, "Pale Blue Dot; Voyager 1; Space colonization; "
          "Solar System; Earth; Planetary science; Space exploration", name="Pale Blue Dot"),
    sagan("The Demon-Haunted World", 1995, "Pseudoscience; Baloney detection kit; Critical "
          "thinking; Witch-hunt; UFO; Alien abduction; Scientific skepticism; Ballantine Books"),
    sagan("The Dragons of Eden", 1977, "Human intelligence; Evolution of the brain; Triune "
          "brain; Pulitzer Prize for General Non-Fiction; Garden of Eden; Cosmic Calendar"),
    dawkins("The Selfish Gene", 1976, f"Meme; Evolutionarily stable strategy; Kin selection; "
            f"Altruism; W. D. Hamilton; George C. Williams; Robert Trivers; Game theory; "
            f"Prisoner's dilemma; {'; '.join(EVOLUTION)}"),
    dawkins("The Extended Phenotype", 1982, "Phenotype; Beaver dam; Parasite; Gene-centered "
            "view of evolution; W. H. Freeman and Company; Sequel", publisher="W. H. Freeman and Company"),
    dawkins("The Blind Watchmaker", 1986, "Watchmaker analogy; William Paley; Intelligent "
            "design; Cumulative selection; Weasel program; Royal Society of Literature; "
            "Longman; Evolution", publisher="Longman"),
    dawkins("Climbing Mount Improbable", 1996, "Evolution of the eye; Irreducible complexity; "
            "Fitness landscape; Royal Institution Christmas Lectures; W. W. Norton & Company; "
            "Viking Press", publisher="Viking Press"),
    dawkins("The God Delusion", 2006, "Atheism; New Atheism; Existence of God; Religion; "
            "Argument from improbability; Richard Dawkins Foundation for Reason and Science; "
            "Bantam Press; Criticism of religion; Morality", publisher="Bantam Press",
            genre=("Non-fiction", "Popular science")),
    pop("A Short History of Nearly Everything", 2003, "Bill Bryson; History of science; "
        "Geology; Chemistry; Physics; Aventis Prizes for Science Books; Descartes Prize; "
        "Doubleday (publisher); Transworld", author="Bill Bryson",
        publisher="Doubleday (publisher)", country=UK),
    pop("Guns, Germs, and Steel", 1997, "Jared Diamond; Geographic determinism; Domestication; "
        "Fertile Crescent; Eurasia; Pulitzer Prize for General Non-Fiction; W. W. Norton & "
        "Company; Yali (politician); Smallpox; Spanish conquest of the Inca Empire",
        author="Jared Diamond", genre=("History", "Popular science"),
        publisher="W. W. Norton & Company"),
    pop("Sapiens: A Brief History of Humankind", 2011, "Yuval Noah Harari; Homo sapiens; "
        "Cognitive revolution; Neolithic Revolution; Big History; Harvill Secker; Imagined "
        "community; Myth", author="Yuval Noah Harari", genre=("History", "Popular science"),
        publisher="Dvir Publishing House", country="Israel", language="Hebrew"),
    pop("Gödel, Escher, Bach", 1979, "Douglas Hofstadter; Kurt Gödel; M. C. Escher; Johann "
        "Sebastian Bach; Strange loop; Gödel's incompleteness theorems; Consciousness; "
        "Artificial intelligence; Pulitzer Prize for General Non-Fiction; Basic Books",
        author="Douglas Hofstadter", publisher="Basic Books",
        genre=("Popular science", "Philosophy of mind")),
    pop("On the Origin of Species", 1859, f"{'; '.join(EVOLUTION)}; Common descent; Alfred "
        "Russel Wallace; HMS Beagle; Galápagos Islands; Darwin's finches; John Murray "
        "(publisher); Victorian era; Inception of Darwin's theory; Creationism",
        author="Charles Darwin", genre=("Biology", "Natural history"),
        publisher="John Murray (publisher)", country=UK),
    pop("Silent Spring", 1962, "Rachel Carson; DDT; Pesticide; Environmental movement; "
        "Environmental Protection Agency; Houghton Mifflin; Bird; Bioaccumulation",
        author="Rachel Carson", genre=("Environmental science", "Non-fiction"),
        publisher="Houghton Mifflin"),
]
# fmt: on
