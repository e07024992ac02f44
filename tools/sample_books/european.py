"""Continental European and Latin American classics in translation."""

from ._base import L, shelf

FR = "France"
DE = "Germany"
EURO = L("Western canon; Translation; Category:Novels adapted into films")
HUGO = EURO + L(
    "Victor Hugo; Romanticism; French Romanticism; Paris; "
    "Social novel; A. Lacroix, Verboeckhoven & Cie"
)
DUMAS = EURO + L(
    "Alexandre Dumas; Auguste Maquet; Swashbuckler; Historical novel; Adventure fiction; "
    "Le Siècle; Serial (literature)"
)
EXIST = EURO + L(
    "Existentialism; Absurdism; Philosophical fiction; Category:Philosophical novels; "
    "Alienation; Nobel Prize in Literature"
)
KAFKA = EXIST + L(
    "Franz Kafka; Kafkaesque; Max Brod; Prague; Modernism; Bureaucracy; Guilt; "
    "Kurt Wolff (publisher)"
)
GERMAN = EURO + L("German literature; Bildungsroman; Nobel Prize in Literature; S. Fischer Verlag")
MARQUEZ = EURO + L(
    "Gabriel García Márquez; Magical realism; Latin American Boom; Colombia; Nobel Prize in "
    "Literature; Editorial Sudamericana; Gregory Rabassa"
)

# fmt: off
one = shelf(EURO, genre="Novel", country=FR, language="French")
hugo = shelf(HUGO, author="Victor Hugo", genre=("Historical novel", "Tragedy"), country=FR,
             language="French", publisher="A. Lacroix, Verboeckhoven & Cie")
dumas = shelf(DUMAS, author="Alexandre Dumas", genre=("Historical novel", "Adventure fiction"),
              country=FR, language="French", publisher="Le Siècle")
exist = shelf(EXIST, genre=("Philosophical fiction", "Absurdist fiction"), country=FR,
              language="French", publisher="Éditions Gallimard")
kafka = shelf(KAFKA, author="Franz Kafka", genre=("Philosophical fiction", "Absurdist fiction"),
              country=DE, language="German")
german = shelf(GERMAN, genre="Novel", country=DE, language="German",
               publisher="S. Fischer Verlag")
marquez = shelf(MARQUEZ, author="Gabriel García Márquez", genre="Magical realism",
                country="Colombia", language="Spanish", publisher="Editorial Sudamericana")

BOOKS = [
    one("Candide", 1759, "Voltaire; Pangloss; Optimism; Gottfried Wilhelm Leibniz; Best of all "
        "possible worlds; 1755 Lisbon earthquake; Satire; Picaresque novel; Enlightenment "
        "(philosophy); El Dorado; Theodicy; Candide (operetta); Leonard Bernstein; "
        "Category:Philosophical novels; Seven Years' War", author="Voltaire",
        genre=("Satire", "Philosophical fiction", "Picaresque novel"), publisher="Cramer",
        kind="novella"),
    hugo("Les Misérables", 1862, "Jean Valjean; Javert; Fantine; Cosette; Marius Pontmercy; "
         "Éponine; June Rebellion; Battle of Waterloo; Les Misérables (musical); Les Misérables "
         "(2012 film); Paris Commune; Redemption; Poverty; Justice"),
    hugo("The Hunchback of Notre-Dame", 1831, "Quasimodo; Esmeralda (The Hunchback of Notre-Dame); "
         "Claude Frollo; Notre-Dame de Paris; Gothic architecture; The Hunchback of Notre Dame "
         "(1996 film); Walt Disney Pictures; Gothic fiction", publisher="Gosselin"),
    dumas("The Count of Monte Cristo", 1844, "Edmond Dantès; Château d'If; Abbé Faria; Revenge; "
          "Marseille; Bourbon Restoration; Hundred Days; Fernand Mondego; The Count of Monte "
          "Cristo (2002 film); Journal des Débats", publisher="Journal des Débats"),
    dumas("The Three Musketeers", 1844, "d'Artagnan; Athos (character); Porthos; Aramis; "
          "Cardinal Richelieu; Milady de Winter; Louis XIII; Musketeers of the Guard; "
          "The d'Artagnan Romances; The Three Musketeers (1993 film)",
          followed_by="Twenty Years After"),
    one("Madame Bovary", 1857, "Gustave Flaubert; Emma Bovary; Adultery; Realism (arts); "
        "Normandy; Revue de Paris; Obscenity trial; Bovarysm; Free indirect speech; "
        "Michel Lévy Frères; Provincial life", author="Gustave Flaubert",
        genre=("Realist novel", "Novel"), publisher="Revue de Paris"),
    one("In Search of Lost Time", 1913, "Marcel Proust; Involuntary memory; Madeleine (cake); "
        "Swann's Way; Combray; Belle Époque; Modernism; Homosexuality; Time; Grasset; "
        "Éditions Gallimard; C. K. Scott Moncrieff", author="Marcel Proust",
        genre=("Modernist literature", "Novel"), publisher="Grasset"),
    exist("The Stranger (Camus novel)", 1942, "Albert Camus; Meursault; Algiers; French "
          "Algeria; The Myth of Sisyphus; Capital punishment; Absurd hero; Stuart Gilbert",
          name="L'Étranger", author="Albert Camus"),
    exist("The Plague (novel)", 1947, "Albert Camus; Oran; Bubonic plague; Bernard Rieux; "
          "Allegory; Nazi occupation of France; French Resistance; Epidemic",
          name="La Peste", author="Albert Camus"),
    exist("Nausea (novel)", 1938, "Jean-Paul Sartre; Antoine Roquentin; Contingency "
          "(philosophy); Being and Nothingness; Bouville; Phenomenology (philosophy)",
          name="La Nausée", author="Jean-Paul Sartre"),
    kafka("The Metamorphosis", 1915, "Gregor Samsa; Insect; Transformation; Family; "
          "Alienation; Novella; Die weißen Blätter", kind="novella",
          genre=("Novella", "Absurdist fiction"), publisher="Kurt Wolff (publisher)"),
    kafka("The Trial", 1925, "Josef K.; Before the Law; Posthumous publication; Die Schmiede; "
          "Law; The Trial (1962 film); Orson Welles; Totalitarianism", publisher="Die Schmiede"),
    kafka("The Castle (novel)", 1926, "K. (The Castle); Unfinished novel; Posthumous "
          "publication; Village; Kurt Wolff (publisher)", name="The Castle",
          publisher="Kurt Wolff (publisher)"),
    german("The Magic Mountain", 1924, "Thomas Mann; Hans Castorp; Davos; Sanatorium; "
           "Tuberculosis; Settembrini; Time; World War I; Novel of ideas",
           author="Thomas Mann", genre=("Novel of ideas", "Bildungsroman")),
    german("Steppenwolf (novel)", 1927, "Hermann Hesse; Harry Haller; Magic theatre; Jungian "
           "psychology; Counterculture of the 1960s; Steppenwolf (band); Duality",
           name="Steppenwolf", author="Hermann Hesse", genre="Philosophical fiction"),
    german("Siddhartha (novel)", 1922, "Hermann Hesse; Gautama Buddha; Enlightenment in "
           "Buddhism; Ancient India; Spirituality; Self-discovery; Counterculture of the 1960s",
           name="Siddhartha", author="Hermann Hesse", genre="Philosophical fiction"),
    german("All Quiet on the Western Front", 1929, "Erich Maria Remarque; World War I; Western "
           "Front (World War I); Trench warfare; Lost Generation; Anti-war; Paul Bäumer; "
           "Nazi book burnings; All Quiet on the Western Front (1930 film); Propyläen Verlag",
           author="Erich Maria Remarque", genre=("War novel", "Anti-war"),
           publisher="Propyläen Verlag"),
    german("The Sorrows of Young Werther", 1774, "Johann Wolfgang von Goethe; Sturm und Drang; "
           "Epistolary novel; Unrequited love; Suicide; Werther effect; Romanticism; Weygand",
           author="Johann Wolfgang von Goethe", genre=("Epistolary novel", "Sturm und Drang"),
           publisher="Weygand'sche Buchhandlung"),
    one("Don Quixote", 1605, "Miguel de Cervantes; Don Quixote (character); Sancho Panza; "
        "Dulcinea del Toboso; Rocinante; Tilting at windmills; La Mancha; Chivalric romance; "
        "Picaresque novel; Spanish Golden Age; Metafiction; Man of La Mancha; Satire; "
        "Francisco de Robles; Juan de la Cuesta", author="Miguel de Cervantes",
        genre=("Novel", "Satire", "Chivalric romance"), country="Spain", language="Spanish",
        publisher="Francisco de Robles"),
    one("The Name of the Rose", 1980, "Umberto Eco; William of Baskerville; Adso of Melk; "
        "Benedictines; Abbey; Poetics (Aristotle); Semiotics; Historical mystery; Detective "
        "fiction; Heresy; The Name of the Rose (film); Sean Connery; Bompiani",
        author="Umberto Eco", genre=("Historical mystery", "Detective fiction"),
        country="Italy", language="Italian", publisher="Bompiani"),
    marquez("One Hundred Years of Solitude", 1967, "Macondo; Buendía family; José Arcadio "
            "Buendía; Aureliano Buendía; Banana massacre; Rómulo Gallegos Prize; Solitude; "
            "Family saga; Category:Magic realism novels"),
    marquez("Love in the Time of Cholera", 1985, "Florentino Ariza; Fermina Daza; Cholera; "
            "Cartagena, Colombia; Unrequited love; Old age; Love in the Time of Cholera (film); "
            "Edith Grossman", publisher="Editorial Oveja Negra"),
]
# fmt: on
