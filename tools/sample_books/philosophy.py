"""Classics of philosophy, ancient to twentieth century."""

from ._base import L, shelf

PHIL = L("Philosophy; Western philosophy; Category:Philosophy books; Penguin Classics")
ANCIENT = PHIL + L(
    "Ancient Greek philosophy; Classical antiquity; Virtue; Ethics; Category:Classical texts"
)
MODERN = PHIL + L("Modern philosophy; Epistemology; Metaphysics; Age of Enlightenment")
POLITICAL = PHIL + L("Political philosophy; Social contract; State (polity); Sovereignty")
GERMANY = PHIL + L("German philosophy; Continental philosophy; German idealism")
LANG = PHIL + L(
    "Analytic philosophy; Philosophy of language; Logic; Ludwig Wittgenstein; "
    "Bertrand Russell; Cambridge University; Vienna Circle"
)

# fmt: off
ancient = shelf(ANCIENT, genre="Philosophy", country="Ancient Greece", language="Ancient Greek",
                kind="book", media="Manuscript")
modern = shelf(MODERN, genre="Philosophy", kind="book", country="United Kingdom")
political = shelf(POLITICAL, genre="Political philosophy", kind="book", country="United Kingdom")
german = shelf(GERMANY, genre="Philosophy", kind="book", country="Germany", language="German")
lang = shelf(LANG, author="Ludwig Wittgenstein", genre="Philosophy", kind="book",
             country="United Kingdom")

BOOKS = [
    ancient("Republic (Plato)", -375, "Plato; Socrates; Socratic dialogue; Allegory of the cave; "
            "Theory of forms; Philosopher king; Justice; Kallipolis; Ring of Gyges; Utopia; "
            "Thrasymachus; Glaucon", name="Republic", author="Plato",
            genre=("Philosophy", "Socratic dialogue")),
    ancient("Symposium (Plato)", -385, "Plato; Socrates; Socratic dialogue; Eros (concept); "
            "Platonic love; Alcibiades; Aristophanes; Diotima of Mantinea", name="Symposium",
            author="Plato", genre=("Philosophy", "Socratic dialogue")),
    ancient("Nicomachean Ethics", -340, "Aristotle; Eudaimonia; Golden mean (philosophy); "
            "Virtue ethics; Phronesis; Friendship; Lyceum; Corpus Aristotelicum",
            author="Aristotle"),
    ancient("Meditations", 180, "Marcus Aurelius; Stoicism; Roman emperor; Marcomannic Wars; "
            "Logos; Epictetus; Self-improvement; Koine Greek", author="Marcus Aurelius",
            country="Roman Empire", genre=("Philosophy", "Stoicism")),
    modern("Meditations on First Philosophy", 1641, "René Descartes; Cogito, ergo sum; "
           "Cartesian doubt; Mind–body dualism; Evil demon; Rationalism; Latin; Michel Soly",
           author="René Descartes", country="France", language="Latin",
           publisher="Michel Soly"),
    modern("An Essay Concerning Human Understanding", 1689, "John Locke; Tabula rasa; "
           "Empiricism; Primary/secondary quality distinction; Personal identity; Thomas "
           "Basset", author="John Locke", publisher="Thomas Basset"),
    modern("A Treatise of Human Nature", 1739, "David Hume; Empiricism; Problem of induction; "
           "Causality; Is–ought problem; Bundle theory; Scottish Enlightenment; John Noon",
           author="David Hume", publisher="John Noon"),
    german("Critique of Pure Reason", 1781, "Immanuel Kant; Transcendental idealism; A priori "
           "and a posteriori; Analytic–synthetic distinction; Categories (Kant); Noumenon; "
           "Copernican revolution (metaphor); Johann Friedrich Hartknoch; Epistemology",
           author="Immanuel Kant", publisher="Johann Friedrich Hartknoch"),
    german("Thus Spoke Zarathustra", 1883, "Friedrich Nietzsche; Übermensch; Eternal return; "
           "God is dead; Will to power; Zoroaster; Also sprach Zarathustra (Strauss); Ernst "
           "Schmeitzner; Nihilism", author="Friedrich Nietzsche",
           genre=("Philosophical fiction", "Philosophy"), publisher="Ernst Schmeitzner"),
    german("Beyond Good and Evil", 1886, "Friedrich Nietzsche; Master–slave morality; Will "
           "to power; Perspectivism; Free spirit; Nihilism; C. G. Naumann",
           author="Friedrich Nietzsche", publisher="C. G. Naumann"),
    german("Being and Time", 1927, "Martin Heidegger; Dasein; Phenomenology (philosophy); "
           "Existentialism; Ontology; Edmund Husserl; Being-toward-death; Max Niemeyer Verlag",
           author="Martin Heidegger", publisher="Max Niemeyer Verlag"),
    german("Being and Nothingness", 1943, "Jean-Paul Sartre; Existentialism; Bad faith "
           "(existentialism); Phenomenology (philosophy); Nothingness; Martin Heidegger; "
           "Éditions Gallimard; Freedom", author="Jean-Paul Sartre", country="France",
           language="French", publisher="Éditions Gallimard"),
    political("The Prince", 1532, "Niccolò Machiavelli; Machiavellianism; Lorenzo de' Medici; "
              "Realpolitik; Virtù; Fortuna; Renaissance; Mirrors for princes; Antonio Blado "
              "d'Asola", author="Niccolò Machiavelli", country="Italy", language="Italian",
              publisher="Antonio Blado d'Asola"),
    political("Leviathan (Hobbes book)", 1651, "Thomas Hobbes; State of nature; War of all "
              "against all; Leviathan; English Civil War; Absolute monarchy; Andrew Crooke",
              name="Leviathan", author="Thomas Hobbes", publisher="Andrew Crooke"),
    political("The Social Contract", 1762, "Jean-Jacques Rousseau; General will; Popular "
              "sovereignty; French Revolution; Marc-Michel Rey; Age of Enlightenment",
              author="Jean-Jacques Rousseau", country="France", language="French",
              publisher="Marc-Michel Rey"),
    lang("Tractatus Logico-Philosophicus", 1921, "Picture theory of language; Logical "
         "atomism; Logical positivism; Truth table; Kegan Paul; Annalen der Naturphilosophie",
         publisher="Kegan Paul"),
    lang("Philosophical Investigations", 1953, "Language game (philosophy); Private language "
         "argument; Family resemblance; Ordinary language philosophy; Posthumous publication; "
         "G. E. M. Anscombe; Blackwell Publishing", publisher="Blackwell Publishing"),
]
# fmt: on
