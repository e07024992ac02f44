"""Children's books: Roald Dahl, Dr. Seuss, picture books and classics."""

from ._base import L, shelf

UK = "United Kingdom"
KIDS = L("Children's literature; Category:Children's books; Children's fiction")
DAHL = KIDS + L(
    "Roald Dahl; Quentin Blake; Jonathan Cape; Alfred A. Knopf; Roald Dahl bibliography; "
    "Black comedy; Puffin Books"
)
SEUSS = KIDS + L(
    "Dr. Seuss; Random House; Beginner Books; Anapestic tetrameter; Rhyme; Picture book; "
    "Theodor Seuss Geisel"
)
PICTURE = KIDS + L("Picture book; Illustration; Caldecott Medal; Category:Picture books")
CARROLL = KIDS + L(
    "Lewis Carroll; Alice (Alice's Adventures in Wonderland); John Tenniel; Literary "
    "nonsense; Macmillan Publishers; Category:Alice in Wonderland"
)

# fmt: off
dahl = shelf(DAHL, author="Roald Dahl", genre=("Children's fantasy", "Children's novel"),
             country=UK, publisher="Jonathan Cape")
seuss = shelf(SEUSS, author="Dr. Seuss", genre="Children's literature", kind="book",
              publisher="Random House")
picture = shelf(PICTURE, genre="Picture book", kind="book", publisher="Harper & Row")
carroll = shelf(CARROLL, author="Lewis Carroll", genre=("Literary nonsense", "Fantasy"),
                country=UK, publisher="Macmillan Publishers")
classic = shelf(KIDS, genre=("Children's novel", "Fantasy"), country=UK)

BOOKS = [
    dahl("Charlie and the Chocolate Factory", 1964, "Willy Wonka; Charlie Bucket; Oompa "
         "Loompa; Augustus Gloop; Veruca Salt; Golden ticket; Willy Wonka & the Chocolate "
         "Factory; Gene Wilder; Charlie and the Chocolate Factory (film); Tim Burton",
         publisher="Alfred A. Knopf", followed_by="Charlie and the Great Glass Elevator"),
    dahl("Matilda (novel)", 1988, "Matilda Wormwood; Miss Trunchbull; Miss Honey; "
         "Telekinesis; Matilda (1996 film); Danny DeVito; Matilda the Musical; Bullying",
         name="Matilda"),
    dahl("The BFG", 1982, "Big Friendly Giant; Sophie (The BFG); Giant; Dream; Queen "
         "Elizabeth II; The BFG (2016 film); Steven Spielberg; Gobblefunk"),
    dahl("James and the Giant Peach", 1961, "James Henry Trotter; Peach; Insects; Aunt Sponge "
         "and Aunt Spiker; James and the Giant Peach (film); Henry Selick",
         publisher="Alfred A. Knopf"),
    dahl("The Witches (novel)", 1983, "Witch; Grand High Witch; Norway; Mouse; The Witches "
         "(1990 film); Anjelica Huston; Whitbread Award", name="The Witches"),
    dahl("Fantastic Mr Fox", 1970, "Mr. Fox; Boggis, Bunce, and Bean; Fox; Fantastic Mr. Fox "
         "(film); Wes Anderson; Stop motion; Donald Chaffin", publisher="George Allen & Unwin"),
    seuss("The Cat in the Hat", 1957, "The Cat in the Hat (character); Thing One and Thing "
          "Two; Basic reading; Dick and Jane; Houghton Mifflin; Beginner Books; The Cat in the "
          "Hat (film); Mike Myers", publisher="Random House"),
    seuss("Green Eggs and Ham", 1960, "Sam-I-Am; Bennett Cerf; Bet; 50 words; Green Eggs and "
          "Ham (TV series); Beginner Books"),
    seuss("How the Grinch Stole Christmas!", 1957, "The Grinch; Whoville; Who (Dr. Seuss); "
          "Christmas; Max (Dr. Seuss); How the Grinch Stole Christmas! (TV special); Chuck "
          "Jones; Boris Karloff; Consumerism"),
    seuss("Oh, the Places You'll Go!", 1990, "Graduation; Second-person narrative; "
          "Commencement speech; Last book"),
    picture("Where the Wild Things Are", 1963, "Maurice Sendak; Max (Where the Wild Things "
            "Are); Wild Things; Imagination; Anger; Where the Wild Things Are (film); Spike "
            "Jonze; Caldecott Medal", author="Maurice Sendak"),
    picture("Goodnight Moon", 1947, "Margaret Wise Brown; Clement Hurd; Bedtime story; "
            "Bunny; Lullaby", author="Margaret Wise Brown"),
    picture("The Very Hungry Caterpillar", 1969, "Eric Carle; Caterpillar; Butterfly; "
            "Metamorphosis; Counting; Days of the week; World Publishing Company; Collage",
            author="Eric Carle", publisher="World Publishing Company"),
    carroll("Alice's Adventures in Wonderland", 1865, "Wonderland (fictional country); White "
            "Rabbit; Cheshire Cat; Mad Hatter; Queen of Hearts (Alice's Adventures in "
            "Wonderland); March Hare; Alice Liddell; Alice in Wonderland (1951 film); Walt "
            "Disney; Victorian era; Oxford", followed_by="Through the Looking-Glass"),
    carroll("Through the Looking-Glass", 1871, "Looking-glass; Tweedledum and Tweedledee; "
            "Humpty Dumpty; Jabberwocky; Red Queen (Through the Looking-Glass); Chess; The "
            "Walrus and the Carpenter", preceded_by="Alice's Adventures in Wonderland"),
    classic("Peter Pan and Wendy", 1911, "J. M. Barrie; Peter Pan; Wendy Darling; Captain "
            "Hook; Tinker Bell; Neverland; Lost Boys (Peter Pan); Great Ormond Street Hospital; "
            "Peter Pan (1953 film); Hodder & Stoughton", author="J. M. Barrie",
            publisher="Hodder & Stoughton"),
    classic("The Wind in the Willows", 1908, "Kenneth Grahame; Mr. Toad; Ratty; Mole (The "
            "Wind in the Willows); Badger (The Wind in the Willows); Toad Hall; River Thames; "
            "Anthropomorphism; E. H. Shepard; Methuen Publishing", author="Kenneth Grahame",
            publisher="Methuen Publishing"),
    classic("Winnie-the-Pooh", 1926, "A. A. Milne; Winnie-the-Pooh (character); Christopher "
            "Robin; Piglet (Winnie-the-Pooh); Eeyore; Hundred Acre Wood; E. H. Shepard; "
            "Ashdown Forest; Methuen Publishing; Walt Disney; Teddy bear",
            author="A. A. Milne", publisher="Methuen Publishing", kind="book"),
    classic("Charlotte's Web", 1952, "E. B. White; Wilbur (Charlotte's Web); Charlotte A. "
            "Cavatica; Spider; Pig; Garth Williams; Harper & Brothers; Newbery Honor; Friendship; "
            "Charlotte's Web (1973 film); Death", author="E. B. White",
            publisher="Harper & Brothers", country="United States"),
    classic("Anne of Green Gables", 1908, "Lucy Maud Montgomery; Anne Shirley; Prince Edward "
            "Island; Avonlea; Orphan; Marilla Cuthbert; L. C. Page & Company; Anne of Green "
            "Gables (1985 film); Coming-of-age story", author="Lucy Maud Montgomery",
            publisher="L. C. Page & Company", country="Canada",
            genre=("Children's novel", "Coming-of-age story")),
    classic("The Little Prince", 1943, "Antoine de Saint-Exupéry; Novella; Asteroid B-612; "
            "Rose; Fox; Sahara; Aviator; Reynal & Hitchcock; Éditions Gallimard; Philosophy; "
            "Loneliness; Best-selling books", author="Antoine de Saint-Exupéry",
            publisher="Reynal & Hitchcock", country="France", language="French",
            kind="novella", genre=("Novella", "Children's literature", "Fable")),
]
# fmt: on
