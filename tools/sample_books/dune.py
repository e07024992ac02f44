"""Frank Herbert's Dune novels and the prequels and sequels by his son."""

from ._base import L, shelf

DUNE = L(
    "Arrakis; Melange (fictional drug); Sandworm (Dune); Fremen; Bene Gesserit; "
    "House Atreides; House Harkonnen; Spacing Guild; Mentat; Planetary romance; "
    "soft science fiction; Dune universe; Padishah Emperor; Kwisatz Haderach"
)
FRANK = DUNE + L("Ecology; Brian Herbert; Frank Herbert bibliography")
SON = DUNE + L("Frank Herbert; Frank Herbert's notes; Kevin J. Anderson bibliography")

# fmt: off
herbert = shelf(
    FRANK, author="Frank Herbert", genre="Science fiction", series="Dune (franchise)",
    publisher="G. P. Putnam's Sons",
)
sequel = shelf(
    SON, author=("Brian Herbert", "Kevin J. Anderson"), genre="Science fiction",
    series="Dune (franchise)", publisher="Tor Books",
)

BOOKS = [
    herbert(
        "Dune", 1965,
        "Paul Atreides; Lady Jessica; Duke Leto Atreides; Baron Vladimir Harkonnen; Stilgar; "
        "Chani (character); Analog Science Fiction and Fact; Hugo Award for Best Novel; "
        "Nebula Award for Best Novel; Dune (1984 film); David Lynch; Dune (2021 film); "
        "Frank Herbert's Dune; Alejandro Jodorowsky; Jodorowsky's Dune; Messianism; "
        "Category:Hugo Award for Best Novel-winning works; "
        "Category:Nebula Award for Best Novel-winning works; "
        "Category:Novels first published in serial form",
        publisher="Chilton Books", pages=412, followed_by="Dune Messiah",
        site="https://www.dunenovels.com/",
    ),
    herbert(
        "Dune Messiah", 1969,
        "Paul Atreides; Alia Atreides; Chani (character); Duncan Idaho; Princess Irulan; "
        "Tleilaxu; Face Dancer; Galaxy Science Fiction; Frank Herbert's Children of Dune; "
        "Messianism; Category:Novels first published in serial form",
        preceded_by="Dune (novel)", followed_by="Children of Dune",
    ),
    herbert(
        "Children of Dune", 1976,
        "Leto Atreides II; Ghanima Atreides; Alia Atreides; Duncan Idaho; Lady Jessica; "
        "Frank Herbert's Children of Dune; Analog Science Fiction and Fact; "
        "Hugo Award for Best Novel; Golden Path (Dune)",
        preceded_by="Dune Messiah", followed_by="God Emperor of Dune",
    ),
    herbert(
        "God Emperor of Dune", 1981,
        "Leto Atreides II; Duncan Idaho; Golden Path (Dune); Fish Speakers; Ixians; "
        "Tleilaxu; Tyranny",
        preceded_by="Children of Dune", followed_by="Heretics of Dune",
    ),
    herbert(
        "Heretics of Dune", 1984,
        "Duncan Idaho; Honored Matres; Tleilaxu; Face Dancer; Miles Teg; Darwi Odrade; "
        "Golden Path (Dune)",
        preceded_by="God Emperor of Dune", followed_by="Chapterhouse: Dune",
    ),
    herbert(
        "Chapterhouse: Dune", 1985,
        "Duncan Idaho; Honored Matres; Darwi Odrade; Miles Teg; Face Dancer; Tleilaxu",
        preceded_by="Heretics of Dune", followed_by="Hunters of Dune",
    ),
    sequel(
        "Dune: House Atreides", 1999,
        "Prelude to Dune; Duke Leto Atreides; Baron Vladimir Harkonnen; Duncan Idaho; "
        "Tleilaxu; Prequel",
        publisher="Bantam Books", followed_by="Dune: House Harkonnen",
    ),
    sequel(
        "Dune: House Harkonnen", 2000,
        "Prelude to Dune; Baron Vladimir Harkonnen; Duncan Idaho; Gurney Halleck; Prequel",
        publisher="Bantam Books", preceded_by="Dune: House Atreides",
    ),
    sequel(
        "Dune: The Butlerian Jihad", 2002,
        "Legends of Dune; Butlerian Jihad; Thinking machines; Omnius; Prequel",
    ),
    sequel(
        "Hunters of Dune", 2006,
        "Duncan Idaho; Honored Matres; Face Dancer; Miles Teg; Tleilaxu",
        preceded_by="Chapterhouse: Dune", followed_by="Sandworms of Dune",
    ),
    sequel(
        "Sandworms of Dune", 2007,
        "Duncan Idaho; Paul Atreides; Face Dancer; Omnius; Miles Teg",
        preceded_by="Hunters of Dune",
    ),
]
# fmt: on
