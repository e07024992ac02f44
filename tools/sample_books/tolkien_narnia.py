"""Tolkien's Middle-earth books and C. S. Lewis's Chronicles of Narnia."""

from ._base import L, shelf

UK = "United Kingdom"
TOLKIEN = L(
    "J. R. R. Tolkien; Middle-earth; Tolkien's legendarium; Category:Middle-earth books; "
    "Elves in Middle-earth; Sauron; Gandalf; Christopher Tolkien; Inklings; "
    "Houghton Mifflin; Category:High fantasy novels; Middle-earth in film"
)
LOTR = TOLKIEN + L(
    "The Lord of the Rings; Frodo Baggins; Samwise Gamgee; One Ring; Aragorn; Gollum; "
    "Hobbit; Shire (Middle-earth); Mordor; Saruman; Nazgûl; "
    "The Lord of the Rings (film series); Peter Jackson; Ralph Bakshi; "
    "The Lord of the Rings (1978 film)"
)
ELDER = TOLKIEN + L(
    "The Silmarillion; Morgoth; Beleriand; First Age; Valar; Noldor; Silmarils; "
    "Túrin Turambar; Category:Middle-earth books published posthumously"
)
NARNIA = L(
    "C. S. Lewis; Narnia (world); Aslan; "
    "Pauline Baynes; Inklings; Christian allegory; Children's literature; The White Witch; "
    "Category:Books by C. S. Lewis; Pevensie family"
)

# fmt: off
tolkien = shelf(
    TOLKIEN, author="J. R. R. Tolkien", genre="High fantasy", country=UK,
    publisher="George Allen & Unwin",
)
lotr = shelf(
    LOTR, author="J. R. R. Tolkien", genre="High fantasy", country=UK,
    publisher="George Allen & Unwin", series="The Lord of the Rings",
)
elder = shelf(ELDER, author="J. R. R. Tolkien", genre="High fantasy", country=UK)
narnia = shelf(
    NARNIA, author="C. S. Lewis", genre="Children's fantasy", country=UK,
    publisher="Geoffrey Bles", series="The Chronicles of Narnia",
)

BOOKS = [
    tolkien(
        "The Hobbit", 1937,
        "Bilbo Baggins; Thorin Oakenshield; Smaug; Gollum; One Ring; Hobbit; "
        "Dwarves in Middle-earth; Erebor; Mirkwood; Rivendell; Battle of Five Armies; "
        "The Hobbit (film series); The Hobbit (1977 film); Rankin/Bass; Carnegie Medal; "
        "Children's literature; The Lord of the Rings; Shire (Middle-earth); Category:The Hobbit",
        genre=("High fantasy", "Children's fantasy"), pages=310,
        followed_by="The Lord of the Rings",
    ),
    lotr(
        "The Fellowship of the Ring", 1954,
        "Fellowship of the Ring (characters); Rivendell; Moria (Middle-earth); Lothlórien; "
        "Elrond; Galadriel; Boromir; Tom Bombadil; Council of Elrond; Bilbo Baggins; "
        "The Lord of the Rings: The Fellowship of the Ring; Balrog",
        preceded_by="The Hobbit", followed_by="The Two Towers", pages=423,
    ),
    lotr(
        "The Two Towers", 1954,
        "Rohan (Middle-earth); Ents; Treebeard; Isengard; Helm's Deep; Théoden; Shelob; "
        "Faramir; Fellowship of the Ring (characters); Boromir; "
        "The Lord of the Rings: The Two Towers",
        preceded_by="The Fellowship of the Ring", followed_by="The Return of the King",
    ),
    lotr(
        "The Return of the King", 1955,
        "Gondor; Minas Tirith; Mount Doom; Battle of the Pelennor Fields; Denethor; Éowyn; "
        "Faramir; Scouring of the Shire; Théoden; Fellowship of the Ring (characters); "
        "The Lord of the Rings: The Return of the King; The Return of the King (1980 film); "
        "Appendices of The Lord of the Rings",
        preceded_by="The Two Towers",
    ),
    elder(
        "The Silmarillion", 1977,
        "Ainulindalë; Quenta Silmarillion; Akallabêth; Númenor; Fëanor; Beren and Lúthien; "
        "Fall of Gondolin; Guy Gavriel Kay; Locus Award; Rings of Power; Mythopoeia",
        publisher="George Allen & Unwin",
    ),
    elder(
        "Unfinished Tales", 1980,
        "Númenor; Istari; The Lord of the Rings; Galadriel; Rings of Power; Fall of Gondolin",
        publisher="George Allen & Unwin", kind="book",
    ),
    elder(
        "The Book of Lost Tales", 1983,
        "The History of Middle-earth; Eriol; Fall of Gondolin; Beren and Lúthien; Mythopoeia",
        publisher="George Allen & Unwin", kind="book",
    ),
    elder(
        "The Children of Húrin", 2007,
        "Alan Lee (illustrator); Húrin; Nienor; Glaurung; Tragedy; Kullervo",
        publisher="HarperCollins",
    ),
    elder(
        "Beren and Lúthien", 2017,
        "Alan Lee (illustrator); Beren; Lúthien; Huan (Middle-earth); Edith Tolkien",
        publisher="HarperCollins",
    ),
    elder(
        "The Fall of Gondolin", 2018,
        "Alan Lee (illustrator); Gondolin; Tuor; Idril; Eärendil; Balrog; The Book of Lost Tales",
        publisher="HarperCollins",
    ),
    narnia(
        "The Lion, the Witch and the Wardrobe", 1950,
        "Lucy Pevensie; Edmund Pevensie; Peter Pevensie; Susan Pevensie; Mr. Tumnus; "
        "Cair Paravel; Father Christmas; Walden Media; Time (magazine); "
        "The Chronicles of Narnia: The Lion, the Witch and the Wardrobe",
        genre=("Children's fantasy", "Christian literature"), followed_by="Prince Caspian",
    ),
    narnia(
        "Prince Caspian", 1951,
        "Caspian X; Lucy Pevensie; Edmund Pevensie; Reepicheep; Telmarines; Trumpkin; "
        "The Chronicles of Narnia: Prince Caspian; Walden Media",
        preceded_by="The Lion, the Witch and the Wardrobe",
        followed_by="The Voyage of the Dawn Treader",
    ),
    narnia(
        "The Voyage of the Dawn Treader", 1952,
        "Caspian X; Eustace Scrubb; Reepicheep; Lucy Pevensie; Edmund Pevensie; Sea voyage; "
        "The Chronicles of Narnia: The Voyage of the Dawn Treader",
        preceded_by="Prince Caspian", followed_by="The Silver Chair",
    ),
    narnia(
        "The Silver Chair", 1953,
        "Eustace Scrubb; Jill Pole; Puddleglum; Prince Rilian; Caspian X",
        preceded_by="The Voyage of the Dawn Treader", followed_by="The Horse and His Boy",
    ),
    narnia(
        "The Horse and His Boy", 1954,
        "Shasta (Narnia); Aravis; Calormen; Archenland; Susan Pevensie",
        preceded_by="The Silver Chair", followed_by="The Magician's Nephew",
    ),
    narnia(
        "The Magician's Nephew", 1955,
        "Digory Kirke; Polly Plummer; Uncle Andrew; Charn; Wood between the Worlds",
        publisher="The Bodley Head", preceded_by="The Horse and His Boy",
        followed_by="The Last Battle",
    ),
    narnia(
        "The Last Battle", 1956,
        "Carnegie Medal; Tirian; Eustace Scrubb; Jill Pole; Calormen; Tash (Narnia); "
        "Eschatology; Susan Pevensie",
        publisher="The Bodley Head", preceded_by="The Magician's Nephew",
    ),
]
# fmt: on
