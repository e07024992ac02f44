"""Other science fiction: Card, Simmons, Gibson, Heinlein, Clarke, Wells, Vonnegut..."""

from ._base import L, shelf

SF = "Science fiction"
UK = "United Kingdom"
HUGO = "Hugo Award for Best Novel; Category:Hugo Award for Best Novel-winning works"
NEBULA = "Nebula Award for Best Novel; Category:Nebula Award for Best Novel-winning works"
ENDER = L(
    "Orson Scott Card; Ender's Game series; Ender Wiggin; Formics; Tor Books; Military "
    "science fiction; Category:Ender's Game series books"
)
HYPERION = L(
    "Dan Simmons; Hyperion Cantos; The Shrike; Time Tombs; Hegemony of Man; John Keats; "
    "Space opera; Doubleday (publisher); Category:Hyperion Cantos"
)
SPRAWL = L(
    "William Gibson; Sprawl trilogy; Cyberpunk; Cyberspace; Artificial intelligence; "
    "Ace Books; Chiba City; Category:Cyberpunk novels"
)
HEINLEIN = L("Robert A. Heinlein; Robert A. Heinlein bibliography; Libertarianism")
CLARKE = L(
    "Arthur C. Clarke; Hard science fiction; Space exploration; Arthur C. Clarke bibliography"
)
WELLS = L(
    "H. G. Wells; Scientific romance; Victorian literature; William Heinemann; Social criticism"
)
VONNEGUT = L("Kurt Vonnegut; Satire; Black comedy; Postmodernism; Delacorte Press")

# fmt: off
ender = shelf(ENDER, author="Orson Scott Card", genre=SF, publisher="Tor Books",
              site="http://www.hatrack.com/",
              series="Ender's Game series")
simmons = shelf(HYPERION, author="Dan Simmons", genre=SF, publisher="Doubleday (publisher)",
                series="Hyperion Cantos")
gibson = shelf(SPRAWL, author="William Gibson", genre=("Cyberpunk", SF), publisher="Ace Books",
               series="Sprawl trilogy")
heinlein = shelf(HEINLEIN, author="Robert A. Heinlein", genre=SF, publisher="G. P. Putnam's Sons")
clarke = shelf(CLARKE, author="Arthur C. Clarke", genre=SF, country=UK)
wells = shelf(WELLS, author="H. G. Wells", genre=SF, country=UK, publisher="William Heinemann")
vonnegut = shelf(VONNEGUT, author="Kurt Vonnegut", genre=("Satire", SF), publisher="Delacorte Press")
one = shelf()

BOOKS = [
    ender("Ender's Game", 1985, f"Battle School; Child soldier; Peter Wiggin; Valentine Wiggin; "
          f"Ender's Game (film); Gavin Hood; {HUGO}; {NEBULA}", followed_by="Speaker for the Dead"),
    ender("Speaker for the Dead", 1986, f"Lusitania (Ender's Game); Pequeninos; Xenology; Jane "
          f"(Ender's Game); Descolada; {HUGO}; {NEBULA}", preceded_by="Ender's Game", followed_by="Xenocide"),
    ender("Xenocide", 1991, "Descolada; Lusitania (Ender's Game); Path (Ender's Game); Jane "
          "(Ender's Game); Philotic", preceded_by="Speaker for the Dead"),
    simmons("Hyperion (Simmons novel)", 1989, f"Frame story; The Canterbury Tales; Pilgrimage; "
            f"TechnoCore; Ousters; {HUGO}; Locus Award for Best Science Fiction Novel",
            name="Hyperion", followed_by="The Fall of Hyperion (novel)"),
    simmons("The Fall of Hyperion (novel)", 1990, "TechnoCore; Ousters; Farcaster; "
            "Locus Award for Best Science Fiction Novel; British Science Fiction Association Award",
            name="The Fall of Hyperion", preceded_by="Hyperion (Simmons novel)"),
    gibson("Neuromancer", 1984, f"Case (Neuromancer); Molly Millions; Wintermute; Matrix "
           f"(cyberspace); {HUGO}; {NEBULA}; Philip K. Dick Award; Ace Science Fiction Specials; "
           "The Matrix", followed_by="Count Zero"),
    gibson("Count Zero", 1986, "Voodoo; Bobby Newmark; Turner (Count Zero); Corporate espionage",
           preceded_by="Neuromancer", followed_by="Mona Lisa Overdrive", publisher="Victor Gollancz Ltd"),
    gibson("Mona Lisa Overdrive", 1988, "Molly Millions; Angie Mitchell; Simstim; Bantam Books",
           preceded_by="Count Zero", publisher="Bantam Books"),
    one("Snow Crash", 1992, "Neal Stephenson; Metaverse; Avatar (computing); Hiro Protagonist; "
        "Sumerian language; Virus; Bantam Books; Cyberpunk; Category:Cyberpunk novels; "
        "Category:Postcyberpunk novels; Category:Novels set in Los Angeles",
        author="Neal Stephenson", genre=("Cyberpunk", SF), publisher="Bantam Books"),
    heinlein("Stranger in a Strange Land", 1961, f"Valentine Michael Smith; Grok; Mars; Free love; "
             f"Counterculture of the 1960s; Religion; {HUGO}"),
    heinlein("Starship Troopers", 1959, f"Military science fiction; Powered exoskeleton; "
             f"Mobile Infantry; Arachnids; Federal service; Starship Troopers (film); Paul Verhoeven; "
             f"{HUGO}; Militarism", genre=("Military science fiction", SF)),
    heinlein("The Moon Is a Harsh Mistress", 1966, f"Moon; Lunar colonization; Revolution; "
             f"Artificial intelligence; TANSTAAFL; Mike (The Moon Is a Harsh Mistress); {HUGO}"),
    clarke("2001: A Space Odyssey (novel)", 1968, "2001: A Space Odyssey (film); Stanley Kubrick; "
           "HAL 9000; Monolith (Space Odyssey); David Bowman; The Sentinel (short story); "
           "Space Odyssey; Jupiter; Human evolution; Hutchinson (publisher); Category:Space Odyssey",
           name="2001: A Space Odyssey", publisher="Hutchinson (publisher)"),
    clarke("Childhood's End", 1953, "Overlords (Childhood's End); Alien invasion; Utopia; "
           "Overmind; Human evolution; Ballantine Books; Childhood's End (miniseries)",
           publisher="Ballantine Books"),
    clarke("Rendezvous with Rama", 1973, f"Rama (spacecraft); Extraterrestrial life; Space "
           f"exploration; Hard science fiction; Victor Gollancz Ltd; {HUGO}; {NEBULA}; "
           "John W. Campbell Memorial Award", publisher="Victor Gollancz Ltd"),
    wells("The Time Machine", 1895, "Time travel; Eloi; Morlocks; Time Traveller; Class "
          "conflict; Dying Earth; The Time Machine (1960 film); Social evolution"),
    wells("The War of the Worlds", 1898, "Martians; Alien invasion; Tripod; Heat-ray; "
          "Woking; The War of the Worlds (1938 radio drama); Orson Welles; Imperialism; "
          "War of the Worlds (2005 film); Mars"),
    wells("The Invisible Man", 1897, "Invisibility; Griffin (The Invisible Man); Mad scientist; "
          "The Invisible Man (1933 film); Universal Monsters; Pearson's Weekly",
          publisher="C. Arthur Pearson"),
    wells("The Island of Doctor Moreau", 1896, "Vivisection; Doctor Moreau; Human–animal hybrid; "
          "Evolution; Mad scientist; Island of Lost Souls (1932 film)"),
    vonnegut("Slaughterhouse-Five", 1969, "Billy Pilgrim; Bombing of Dresden in World War II; "
             "Tralfamadore; Time travel; Anti-war; World War II; Slaughterhouse-Five (film); "
             "Metafiction; Postmodern literature"),
    vonnegut("Cat's Cradle", 1963, "Ice-nine; Bokononism; San Lorenzo (fictional country); "
             "Nuclear weapons; Religion; Apocalyptic and post-apocalyptic fiction",
             publisher="Holt, Rinehart and Winston"),
    one("Solaris (novel)", 1961, "Stanisław Lem; Solaris (planet); Ocean planet; "
        "Extraterrestrial life; Solaris (1972 film); Andrei Tarkovsky; Solaris (2002 film); "
        "Philosophical fiction; Polish literature", name="Solaris", author="Stanisław Lem",
        genre=("Philosophical fiction", SF), publisher="Wydawnictwo MON", country="Poland",
        language="Polish"),
    one("The Martian (Weir novel)", 2011, "Andy Weir; Mark Watney; Mars; Survival fiction; "
        "NASA; Crown Publishing Group; The Martian (film); Ridley Scott; Self-publishing; "
        "Hard science fiction", name="The Martian", author="Andy Weir", genre=SF,
        publisher="Crown Publishing Group", media="Print (Hardcover), E-book"),
]
# fmt: on
