"""Philip K. Dick and Ursula K. Le Guin (Hainish Cycle and Earthsea)."""

from ._base import L, shelf

DICK = L(
    "Philip K. Dick; Philip K. Dick bibliography; Philip K. Dick Award; Paranoia; "
    "Simulated reality; Nature of reality; Drug use; Postmodern literature; "
    "Counterculture of the 1960s; Gnosticism"
)
LEGUIN = L(
    "Ursula K. Le Guin; Ursula K. Le Guin bibliography; Anthropology; Taoism; "
    "Feminist science fiction"
)
HAIN = LEGUIN + L("Hainish Cycle; Ekumen; Ansible; Social science fiction; Soft science fiction")
EARTHSEA = LEGUIN + L(
    "Earthsea; Ged (Earthsea); Archipelago; True name; Roke; Dragons in Earthsea; Parnassus Press; "
    "Bildungsroman; Tales from Earthsea (film)"
)

# fmt: off
dick = shelf(DICK, author="Philip K. Dick", genre="Science fiction", publisher="Doubleday (publisher)")
hain = shelf(HAIN, author="Ursula K. Le Guin", genre="Science fiction", publisher="Ace Books")
earthsea = shelf(
    EARTHSEA, author="Ursula K. Le Guin", genre="Fantasy", series="Earthsea",
    publisher="Atheneum Books",
)

BOOKS = [
    dick(
        "Do Androids Dream of Electric Sheep?", 1968,
        "Rick Deckard; Replicant; Android (robot); Voigt-Kampff test; Mercerism; Empathy; "
        "Blade Runner; Ridley Scott; Blade Runner 2049; Cyberpunk; San Francisco; World War Terminus",
        genre=("Science fiction", "Cyberpunk"),
    ),
    dick(
        "The Man in the High Castle", 1962,
        "Alternate history; Axis powers; I Ching; Nazi Germany; Empire of Japan; "
        "The Man in the High Castle (TV series); Hugo Award for Best Novel; Putnam Publishing Group; "
        "Category:Hugo Award for Best Novel-winning works; Category:Novels set in San Francisco",
        genre=("Alternate history", "Science fiction"), publisher="G. P. Putnam's Sons",
    ),
    dick(
        "Ubik", 1969,
        "Joe Chip; Glen Runciter; Half-life (afterlife); Psychic; Time magazine's All-Time 100 Novels; "
        "Entropy; Ubik (video game)",
    ),
    dick(
        "A Scanner Darkly", 1977,
        "Substance D; Bob Arctor; Drug addiction; Surveillance; Orange County, California; "
        "A Scanner Darkly (film); Richard Linklater; Rotoscoping; Keanu Reeves",
    ),
    dick(
        "Flow My Tears, the Policeman Said", 1974,
        "Jason Taverner; Police state; Dystopia; John W. Campbell Memorial Award; "
        "Nebula Award for Best Novel; Identity (philosophy)",
        genre=("Science fiction", "Dystopian fiction"),
    ),
    dick(
        "VALIS (novel)", 1981,
        "VALIS trilogy; Horselover Fat; Gnosticism; Religious experience; Pink beam; Bantam Books; "
        "The Divine Invasion",
        name="VALIS", genre=("Science fiction", "Philosophical fiction"), publisher="Bantam Books",
    ),
    dick(
        "The Three Stigmata of Palmer Eldritch", 1965,
        "Mars colonization; Perky Pat; Can-D; Chew-Z; Barney Mayerson; Hallucinogen",
    ),
    dick(
        "Martian Time-Slip", 1964,
        "Mars; Schizophrenia; Autism; Ballantine Books; Manfred Steiner; Mars colonization",
        publisher="Ballantine Books",
    ),
    hain(
        "The Left Hand of Darkness", 1969,
        "Gethen; Genly Ai; Estraven; Androgyny; Gender; Hugo Award for Best Novel; "
        "Nebula Award for Best Novel; Category:Hugo Award for Best Novel-winning works; "
        "Category:Nebula Award for Best Novel-winning works; Ace Science Fiction Specials",
    ),
    hain(
        "The Dispossessed", 1974,
        "Anarres; Urras; Shevek; Anarchism; Utopia; Ambiguous utopia; Hugo Award for Best Novel; "
        "Nebula Award for Best Novel; Locus Award; Harper & Row; Ansible; "
        "Category:Hugo Award for Best Novel-winning works",
        publisher="Harper & Row", genre=("Science fiction", "Utopian fiction"),
    ),
    hain(
        "The Word for World Is Forest", 1972,
        "Athshe; Colonialism; Environmentalism; Vietnam War; Hugo Award for Best Novella",
        kind="novella", publisher="Berkley Books",
    ),
    earthsea(
        "A Wizard of Earthsea", 1968,
        "Ged (Earthsea); Ogion; Shadow (psychology); Wizard (fantasy); Coming of age; "
        "Boston Globe–Horn Book Award; Lewis Carroll Shelf Award; Ruth Robbins",
        followed_by="The Tombs of Atuan", genre=("Fantasy", "Children's fantasy"),
        publisher="Parnassus Press",
    ),
    earthsea(
        "The Tombs of Atuan", 1971,
        "Tenar; Atuan; Kargad Lands; Newbery Honor; Nameless Ones; Labyrinth",
        preceded_by="A Wizard of Earthsea", followed_by="The Farthest Shore",
    ),
    earthsea(
        "The Farthest Shore", 1972,
        "Arren; Cob (Earthsea); Death; National Book Award for Young People's Literature; "
        "Dry Land (Earthsea)",
        preceded_by="The Tombs of Atuan", followed_by="Tehanu",
    ),
    earthsea(
        "Tehanu", 1990,
        "Tenar; Therru; Nebula Award for Best Novel; Feminism; Gont; Locus Award for Best Fantasy Novel",
        preceded_by="The Farthest Shore",
    ),
]
# fmt: on
