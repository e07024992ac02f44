"""Jane Austen, the Brontë sisters and Charles Dickens."""

from ._base import L, shelf

UK = "United Kingdom"
AUSTEN = L(
    "Jane Austen; Regency era; Novel of manners; Landed gentry; Marriage; Irony; "
    "Thomas Egerton; Free indirect speech; Romance novel; "
    "Category:Novels set in England; Jane Austen in popular culture"
)
BRONTE = L(
    "Brontë family; Haworth; Yorkshire; Gothic fiction; Victorian literature; "
    "Smith, Elder & Co.; Thomas Cautley Newby; Brontë Parsonage Museum; Patrick Brontë; "
    "Feminism; Category:Novels set in Yorkshire"
)
DICKENS = L(
    "Charles Dickens; Victorian era; Victorian literature; Serial (literature); Chapman & "
    "Hall; Social criticism; Poverty; Phiz; "
    "Category:Novels first published in serial form; Category:Novels set in London; London"
)

# fmt: off
austen = shelf(AUSTEN, author="Jane Austen", genre=("Romance novel", "Novel of manners"),
               publisher="Thomas Egerton", country=UK, media="Print")
bronte = shelf(BRONTE, genre=("Gothic fiction", "Romance novel"), country=UK,
               publisher="Smith, Elder & Co.", media="Print")
dickens = shelf(DICKENS, author="Charles Dickens", genre=("Novel", "Social criticism"),
                publisher="Chapman & Hall", country=UK, media="Print")

BOOKS = [
    austen("Pride and Prejudice", 1813, "Elizabeth Bennet; Mr. Darcy; Bennet family; "
           "Pemberley; Longbourn; Jane Bennet; George Wickham; Pride and Prejudice (1995 TV "
           "series); Pride & Prejudice (2005 film); Colin Firth; Bridget Jones's Diary; "
           "Pride and Prejudice and Zombies; Sense and Sensibility"),
    austen("Sense and Sensibility", 1811, "Elinor Dashwood; Marianne Dashwood; Edward Ferrars; "
           "Colonel Brandon; John Willoughby; Sense and Sensibility (film); Emma Thompson; "
           "Ang Lee; Pride and Prejudice"),
    austen("Emma (novel)", 1815, "Emma Woodhouse; Mr. Knightley; Highbury; Frank Churchill; "
           "Harriet Smith; Emma (1996 film); Clueless (film); John Murray (publisher)",
           name="Emma", publisher="John Murray (publisher)"),
    austen("Mansfield Park", 1814, "Fanny Price; Edmund Bertram; Mansfield Park (1999 film); "
           "Slavery; Antigua; Lovers' Vows; Henry Crawford"),
    austen("Northanger Abbey", 1817, "Catherine Morland; Henry Tilney; Bath, Somerset; "
           "Gothic fiction; Parody; The Mysteries of Udolpho; Ann Radcliffe; Persuasion (novel)",
           publisher="John Murray (publisher)", genre=("Gothic fiction", "Satire")),
    austen("Persuasion (novel)", 1817, "Anne Elliot; Captain Frederick Wentworth; Royal Navy; "
           "Napoleonic Wars; Bath, Somerset; Lyme Regis; Northanger Abbey",
           name="Persuasion", publisher="John Murray (publisher)"),
    bronte("Jane Eyre", 1847, "Charlotte Brontë; Jane Eyre (character); Edward Rochester; "
           "Bertha Mason; Thornfield Hall; Lowood School; Currer Bell; Bildungsroman; "
           "Wide Sargasso Sea; Jean Rhys; Jane Eyre (2011 film); Governess",
           author="Charlotte Brontë"),
    bronte("Wuthering Heights", 1847, "Emily Brontë; Heathcliff (Wuthering Heights); Catherine "
           "Earnshaw; Wuthering Heights (1939 film); Ellis Bell; Yorkshire moors; Revenge; "
           "Wuthering Heights (song); Kate Bush; Thrushcross Grange",
           author="Emily Brontë", publisher="Thomas Cautley Newby"),
    bronte("Villette (novel)", 1853, "Charlotte Brontë; Lucy Snowe; Brussels; Labassecour; "
           "Constantin Héger; Unreliable narrator; Currer Bell", name="Villette",
           author="Charlotte Brontë"),
    bronte("Shirley (novel)", 1849, "Charlotte Brontë; Luddite; Industrial Revolution; "
           "Yorkshire; Currer Bell; Shirley (name)", name="Shirley", author="Charlotte Brontë"),
    bronte("The Professor", 1857, "Charlotte Brontë; William Crimsworth; Brussels; "
           "Posthumous publication; Currer Bell", author="Charlotte Brontë"),
    bronte("The Tenant of Wildfell Hall", 1848, "Anne Brontë; Helen Graham; Alcoholism; "
           "Domestic violence; Epistolary novel; Acton Bell; Feminist literature",
           author="Anne Brontë", publisher="Thomas Cautley Newby"),
    bronte("Agnes Grey", 1847, "Anne Brontë; Governess; Acton Bell; Realism (arts); Scarborough",
           author="Anne Brontë", publisher="Thomas Cautley Newby"),
    dickens("Oliver Twist", 1838, "Oliver Twist (character); Fagin; Artful Dodger; Bill Sikes; "
            "Nancy (Oliver Twist); Workhouse; Poor Law Amendment Act 1834; Bentley's Miscellany; "
            "Oliver! ; Oliver Twist (1948 film); David Lean; Child labour; Orphan",
            publisher="Richard Bentley"),
    dickens("Great Expectations", 1861, "Pip (Great Expectations); Estella (Great Expectations); "
            "Miss Havisham; Abel Magwitch; Bildungsroman; All the Year Round; Great "
            "Expectations (1946 film); David Lean; Kent; Orphan"),
    dickens("A Tale of Two Cities", 1859, "French Revolution; Sydney Carton; Charles Darnay; "
            "Lucie Manette; Madame Defarge; Reign of Terror; Paris; All the Year Round; "
            "Historical novel; Bastille", genre=("Historical novel", "Novel")),
    dickens("David Copperfield", 1850, "David Copperfield (character); Uriah Heep; Wilkins "
            "Micawber; Betsey Trotwood; Bildungsroman; Semi-autobiographical novel; "
            "Bradbury and Evans", publisher="Bradbury and Evans"),
    dickens("Bleak House", 1853, "Jarndyce and Jarndyce; Court of Chancery; Esther Summerson; "
            "Inspector Bucket; Lady Dedlock; Satire; Detective fiction; Bradbury and Evans; "
            "Bleak House (2005 TV serial)", publisher="Bradbury and Evans"),
    dickens("A Christmas Carol", 1843, "Ebenezer Scrooge; Jacob Marley; Ghost of Christmas Past; "
            "Tiny Tim; Christmas; Ghost story; Novella; Redemption; The Muppet Christmas Carol; "
            "Scrooge (1951 film)", kind="novella", genre=("Novella", "Ghost story")),
    dickens("Hard Times (novel)", 1854, "Coketown; Thomas Gradgrind; Utilitarianism; "
            "Industrial Revolution; Household Words; Trade union; Josiah Bounderby",
            name="Hard Times", publisher="Bradbury and Evans"),
    dickens("Little Dorrit", 1857, "Marshalsea; Debtors' prison; Amy Dorrit; Circumlocution "
            "Office; Arthur Clennam; Bradbury and Evans", publisher="Bradbury and Evans"),
    dickens("The Pickwick Papers", 1836, "Samuel Pickwick; Sam Weller (character); Robert "
            "Seymour (illustrator); Picaresque novel; Comic novel; Pickwick Club",
            genre=("Picaresque novel", "Comic novel")),
    dickens("Our Mutual Friend", 1865, "River Thames; Dust heap; John Harmon; Bella Wilfer; "
            "Money; Gaffer Hexam; Marcus Stone; Social class"),
]
# fmt: on
