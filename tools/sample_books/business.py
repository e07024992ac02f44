"""Business, economics, psychology and self-help bestsellers."""

from ._base import L, shelf

SELFHELP = L("Self-help; Self-help book; Personal development; Motivational speaker; Success")
BUSINESS = L("Business; Management; Business book; Category:Business books; Entrepreneurship")
FINANCE = L("Personal finance; Investing; Wealth; Financial literacy; Stock market")
GLADWELL = L(
    "Malcolm Gladwell; The New Yorker; Little, Brown and Company; Social psychology; "
    "Sociology; Popular science"
)
BEHAVIOUR = L("Behavioral economics; Psychology; Cognitive bias; Decision-making")

# fmt: off
selfhelp = shelf(SELFHELP, genre="Self-help", kind="book", media="Print (Paperback)")
business = shelf(BUSINESS, genre="Business", kind="book")
finance = shelf(FINANCE, genre="Personal finance", kind="book", media="Print (Paperback)")
gladwell = shelf(GLADWELL, author="Malcolm Gladwell", genre=("Non-fiction", "Sociology"),
                 kind="book", publisher="Little, Brown and Company")
behaviour = shelf(BEHAVIOUR, genre=("Non-fiction", "Psychology"), kind="book")

BOOKS = [
    selfhelp("How to Win Friends and Influence People", 1936, "Dale Carnegie; Interpersonal "
             "relationship; Public speaking; Dale Carnegie Training; Simon & Schuster; "
             "Communication; Leadership; Persuasion", author="Dale Carnegie",
             publisher="Simon & Schuster"),
    selfhelp("Think and Grow Rich", 1937, "Napoleon Hill; Andrew Carnegie; New Thought; "
             "Law of attraction (New Thought); Wealth; Great Depression; The Ralston Society; "
             "Positive thinking", author="Napoleon Hill", publisher="The Ralston Society"),
    selfhelp("The 7 Habits of Highly Effective People", 1989, "Stephen Covey; FranklinCovey; "
             "Paradigm shift; Habit; Leadership; Time management; Free Press (publisher); "
             "Synergy", author="Stephen Covey", publisher="Free Press (publisher)",
             genre=("Self-help", "Business")),
    selfhelp("The Power of Positive Thinking", 1952, "Norman Vincent Peale; Positive thinking; "
             "Christianity; New Thought; Prentice Hall; Marble Collegiate Church",
             author="Norman Vincent Peale", publisher="Prentice Hall"),
    selfhelp("The Power of Habit", 2012, "Charles Duhigg; Habit; Habit loop; Basal ganglia; "
             "The New York Times; Random House; Neuroscience; Alcoholics Anonymous",
             author="Charles Duhigg", publisher="Random House",
             genre=("Self-help", "Psychology")),
    selfhelp("Who Moved My Cheese?", 1998, "Spencer Johnson (writer); Parable; Change "
             "management; Maze; G. P. Putnam's Sons; Motivational speaker",
             author="Spencer Johnson (writer)", publisher="G. P. Putnam's Sons",
             genre=("Self-help", "Business fable")),
    selfhelp("The 4-Hour Workweek", 2007, "Tim Ferriss; Lifestyle design; Outsourcing; "
             "Passive income; Crown Publishing Group; Digital nomad; Remote work",
             author="Tim Ferriss", publisher="Crown Publishing Group",
             genre=("Self-help", "Business")),
    business("Good to Great", 2001, "Jim Collins (speaker); Level 5 leadership; Hedgehog "
             "concept; Corporate strategy; HarperBusiness; Fortune 500; Built to Last",
             author="Jim Collins (speaker)", publisher="HarperBusiness"),
    business("The Innovator's Dilemma", 1997, "Clayton Christensen; Disruptive innovation; "
             "Harvard Business School; Harvard Business School Press; Hard disk drive; "
             "Technology strategy; Sustaining innovation", author="Clayton Christensen",
             publisher="Harvard Business School Press"),
    business("The Lean Startup", 2011, "Eric Ries; Lean startup; Minimum viable product; "
             "Pivot (business); Startup company; Silicon Valley; Crown Publishing Group; "
             "Agile software development; Validated learning", author="Eric Ries",
             publisher="Crown Publishing Group"),
    business("Zero to One", 2014, "Peter Thiel; Blake Masters; Startup company; Monopoly; "
             "PayPal; Silicon Valley; Stanford University; Crown Publishing Group; Venture "
             "capital", author=("Peter Thiel", "Blake Masters"),
             publisher="Crown Publishing Group"),
    finance("Rich Dad Poor Dad", 1997, "Robert Kiyosaki; Sharon Lechter; Financial "
            "independence; Real estate investing; Cashflow (board game); Passive income; "
            "Warner Books; Self-publishing", author=("Robert Kiyosaki", "Sharon Lechter"),
            publisher="Warner Books", genre=("Personal finance", "Self-help")),
    finance("The Intelligent Investor", 1949, "Benjamin Graham; Value investing; Warren "
            "Buffett; Margin of safety (financial); Mr. Market; Harper & Brothers; "
            "Security Analysis (book); Jason Zweig", author="Benjamin Graham",
            publisher="Harper & Brothers", genre=("Investing", "Personal finance")),
    behaviour("Thinking, Fast and Slow", 2011, "Daniel Kahneman; Dual process theory; "
              "Heuristics in judgment and decision-making; Prospect theory; Amos Tversky; "
              "Anchoring; Availability heuristic; Farrar, Straus and Giroux; Nobel Memorial "
              "Prize in Economic Sciences; Loss aversion", author="Daniel Kahneman",
              publisher="Farrar, Straus and Giroux"),
    behaviour("Freakonomics", 2005, "Steven Levitt; Stephen J. Dubner; Economics; Incentive; "
              "Freakonomics Radio; William Morrow and Company; Legalized abortion and crime "
              "effect; Sumo; Economics of crime", author=("Steven Levitt", "Stephen J. Dubner"),
              publisher="William Morrow and Company", genre=("Non-fiction", "Economics")),
    gladwell("The Tipping Point", 2000, "Tipping point (sociology); Law of the few; Broken "
             "windows theory; Stickiness; Social epidemic; Word of mouth; Hush Puppies"),
    gladwell("Blink (book)", 2005, "Thin-slicing; Intuition; Unconscious mind; Snap judgment; "
             "Implicit-association test; Kouros (statue); Adaptive unconscious",
             name="Blink: The Power of Thinking Without Thinking"),
    gladwell("Outliers (book)", 2008, "10,000-hour rule; Matthew effect; Success; Relative "
             "age effect; Korean Air; Cultural legacy; Bill Gates; The Beatles",
             name="Outliers: The Story of Success"),
]
# fmt: on
