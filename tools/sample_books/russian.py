"""Russian classics: Tolstoy, Dostoevsky, Bulgakov, Gogol, Turgenev, Pasternak..."""

from ._base import L, shelf

RU = "Russian Empire"
RUSSIAN = L(
    "Russian literature; Golden Age of Russian Poetry; Realism (arts); Russian language; "
    "Category:Russian novels; Philosophical novel; Existentialism; Category:Novels set in Russia; "
    "Russian Orthodox Church; Serfdom in Russia"
)
TOLSTOY = RUSSIAN + L(
    "Leo Tolstoy; Yasnaya Polyana; Tolstoyan movement; Christian anarchism; "
    "Louise and Aylmer Maude; Richard Pevear and Larissa Volokhonsky"
)
DOSTOEVSKY = RUSSIAN + L(
    "Fyodor Dostoevsky; Fyodor Dostoevsky bibliography; Psychological novel; Saint Petersburg; "
    "Nihilism; Free will; Suffering; Constance Garnett; Richard Pevear and Larissa Volokhonsky; "
    "Category:Novels set in Saint Petersburg; Christianity"
)
SOVIET = L(
    "Soviet literature; Soviet Union; Censorship in the Soviet Union; Samizdat; Joseph Stalin; "
    "Russian literature; Category:Soviet novels; Russian language"
)

# fmt: off
tolstoy = shelf(TOLSTOY, author="Leo Tolstoy", genre="Novel", publisher="The Russian Messenger",
                country=RU, language="Russian", media="Print (Serial)")
dostoevsky = shelf(DOSTOEVSKY, author="Fyodor Dostoevsky", genre=("Philosophical novel",
                   "Psychological novel"), publisher="The Russian Messenger", country=RU,
                   language="Russian", media="Print (Serial)")
russian = shelf(RUSSIAN, genre="Novel", country=RU, language="Russian")
soviet = shelf(SOVIET, genre="Novel", country="Soviet Union", language="Russian")

BOOKS = [
    tolstoy("War and Peace", 1869, "French invasion of Russia; Napoleon; Battle of Borodino; "
            "Battle of Austerlitz; Pierre Bezukhov; Natasha Rostova; Andrei Bolkonsky; "
            "Historical novel; Philosophy of history; Freemasonry; Moscow; War and Peace (1966 "
            "film); Sergei Bondarchuk; War & Peace (2016 TV series); Aristocracy",
            genre=("Novel", "Historical novel")),
    tolstoy("Anna Karenina", 1877, "Anna Karenina (character); Alexei Vronsky; Konstantin "
            "Levin; Kitty Shcherbatskaya; Stepan Oblonsky; Adultery; Family; Agriculture; "
            "Moscow; Saint Petersburg; Anna Karenina (2012 film); Aristocracy; Suicide",
            genre=("Novel", "Realist novel")),
    tolstoy("The Death of Ivan Ilyich", 1886, "Death; Mortality; Meaning of life; Novella; "
            "Ivan Ilyich; Bureaucracy; Suffering", kind="novella", genre="Novella",
            publisher="Posrednik"),
    tolstoy("Resurrection (Tolstoy novel)", 1899, "Dmitri Nekhlyudov; Katyusha Maslova; "
            "Penal labor in the Russian Empire; Siberia; Doukhobors; Injustice",
            name="Resurrection", publisher="Niva (magazine)"),
    tolstoy("The Kreutzer Sonata", 1889, "Violin Sonata No. 9 (Beethoven); Ludwig van "
            "Beethoven; Jealousy; Sexual abstinence; Marriage; Censorship", kind="novella",
            genre="Novella", publisher="Posrednik"),
    tolstoy("Hadji Murat", 1912, "Hadji Murad; Caucasian War; Imam Shamil; Chechnya; "
            "Posthumous publication; Nicholas I of Russia", kind="novella", genre="Novella",
            publisher="Posrednik"),
    dostoevsky("Crime and Punishment", 1866, "Rodion Raskolnikov; Sonya Marmeladova; Porfiry "
               "Petrovich; Murder; Guilt; Utilitarianism; Übermensch; Redemption; "
               "Arkady Svidrigailov; Crime and Punishment (1935 film)"),
    dostoevsky("The Brothers Karamazov", 1880, "Fyodor Pavlovich Karamazov; Dmitri Karamazov; "
               "Ivan Karamazov; Alexei Karamazov; The Grand Inquisitor; Father Zosima; "
               "Parricide; Theodicy; Existence of God; Optina Monastery; Sigmund Freud"),
    dostoevsky("Demons (Dostoevsky novel)", 1872, "Nikolai Stavrogin; Pyotr Verkhovensky; "
               "Stepan Verkhovensky; Sergey Nechayev; Revolutionary; Political novel; "
               "Atheism; Nihilism", name="Demons", genre=("Political novel", "Philosophical novel")),
    dostoevsky("The Idiot", 1869, "Prince Myshkin; Nastasya Filippovna; Parfyon Rogozhin; "
               "Epilepsy; Holbein's Dead Christ; Innocence; Aglaya Yepanchina"),
    dostoevsky("Poor Folk", 1846, "Epistolary novel; Makar Devushkin; Varvara Dobroselova; "
               "Poverty; Vissarion Belinsky; Nikolay Nekrasov; Natural School; Petersburg Collection",
               genre=("Epistolary novel", "Novel"), publisher="Petersburg Collection",
               media="Print"),
    dostoevsky("Notes from Underground", 1864, "Underground Man; Epoch (magazine); Rational "
               "egoism; Nikolay Chernyshevsky; What Is to Be Done? (novel); Crystal Palace; "
               "Alienation", kind="novella", genre=("Novella", "Philosophical fiction"),
               publisher="Epoch (magazine)"),
    dostoevsky("The Gambler (novel)", 1866, "Gambling; Roulette; Wiesbaden; Anna Snitkina; "
               "Stenography; Compulsive gambling; Polina Suslova", name="The Gambler",
               kind="novella", genre="Novella", publisher="F. T. Stellovsky"),
    dostoevsky("The Double (Dostoevsky novel)", 1846, "Doppelgänger; Yakov Golyadkin; "
               "Madness; Bureaucracy; Nikolai Gogol; Notes of the Fatherland; "
               "The Double (2013 film)", name="The Double", kind="novella",
               publisher="Notes of the Fatherland"),
    dostoevsky("The House of the Dead (novel)", 1862, "Katorga; Omsk; Siberia; Prison; "
               "Semi-autobiographical novel; Petrashevsky Circle; Penal labor in the Russian Empire",
               name="The House of the Dead", publisher="Vremya (magazine)"),
    dostoevsky("White Nights (short story)", 1848, "Dreamer; Loneliness; Unrequited love; "
               "Short story; Le notti bianche; Luchino Visconti", name="White Nights",
               kind="story", genre="Short story", publisher="Notes of the Fatherland"),
    soviet("The Master and Margarita", 1967, "Mikhail Bulgakov; Woland; Margarita (The Master "
           "and Margarita); Pontius Pilate; Yeshua Ha-Notsri; Moscow; Devil; Behemoth (The Master "
           "and Margarita); Satire; Magical realism; Faust; YMCA Press; Posthumous publication",
           author="Mikhail Bulgakov", genre=("Fantasy", "Satire", "Philosophical novel"),
           publisher="YMCA Press"),
    soviet("Heart of a Dog", 1925, "Mikhail Bulgakov; Sharikov; Philipp Philippovich "
           "Preobrazhensky; Satire; Eugenics; New Economic Policy; Heart of a Dog (film); "
           "Samizdat", author="Mikhail Bulgakov", genre=("Satire", "Science fiction"),
           publisher="Samizdat", kind="novella"),
    soviet("The White Guard", 1925, "Mikhail Bulgakov; Kiev; Ukrainian War of Independence; "
           "White movement; Turbin family; The Days of the Turbins; Semi-autobiographical novel",
           author="Mikhail Bulgakov", publisher="Rossiya (magazine)"),
    soviet("Doctor Zhivago (novel)", 1957, "Boris Pasternak; Yuri Zhivago; Lara Antipova; "
           "Russian Revolution; Russian Civil War; Nobel Prize in Literature; Feltrinelli; "
           "Doctor Zhivago (film); David Lean; CIA; Pasternak affair", name="Doctor Zhivago",
           author="Boris Pasternak", publisher="Feltrinelli", country="Italy"),
    soviet("One Day in the Life of Ivan Denisovich", 1962, "Aleksandr Solzhenitsyn; Gulag; "
           "Labor camp; Khrushchev Thaw; Novy Mir; Nikita Khrushchev; Nobel Prize in Literature",
           author="Aleksandr Solzhenitsyn", publisher="Novy Mir", kind="novella"),
    soviet("The Gulag Archipelago", 1973, "Aleksandr Solzhenitsyn; Gulag; NKVD; Great Purge; "
           "YMCA Press; Political repression in the Soviet Union; Nobel Prize in Literature; "
           "Non-fiction", author="Aleksandr Solzhenitsyn", genre=("Non-fiction", "History"),
           publisher="YMCA Press", kind="book", country="France"),
    russian("Dead Souls", 1842, "Nikolai Gogol; Pavel Chichikov; Serfdom in Russia; "
            "Picaresque novel; Satire; Troika; Russian landed gentry; Poshlost",
            author="Nikolai Gogol", genre=("Satire", "Picaresque novel"),
            publisher="University of Moscow Press"),
    russian("Fathers and Sons (novel)", 1862, "Ivan Turgenev; Yevgeny Bazarov; Nihilism; "
            "Generation gap; Emancipation reform of 1861; Arkady Kirsanov; The Russian Messenger",
            name="Fathers and Sons", author="Ivan Turgenev", publisher="The Russian Messenger"),
    russian("Eugene Onegin", 1833, "Alexander Pushkin; Onegin stanza; Novel in verse; "
            "Tatyana Larina; Vladimir Lensky; Eugene Onegin (opera); Pyotr Ilyich Tchaikovsky; "
            "Superfluous man; Duel; Vladimir Nabokov", author="Alexander Pushkin",
            genre=("Novel in verse", "Romance"), publisher="Aleksandr Smirdin"),
    russian("A Hero of Our Time", 1840, "Mikhail Lermontov; Grigory Pechorin; Superfluous man; "
            "Caucasus; Byronic hero; Frame story; Vladimir Nabokov", author="Mikhail Lermontov",
            genre=("Psychological novel", "Novel"), publisher="Ilya Glazunov"),
    russian("Oblomov", 1859, "Ivan Goncharov; Ilya Oblomov; Superfluous man; Laziness; "
            "Oblomovshchina; Andrei Stolz; Otechestvennye Zapiski", author="Ivan Goncharov",
            publisher="Otechestvennye Zapiski"),
]
# fmt: on
