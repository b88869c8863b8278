import datetime
from decimal import Decimal

from books.models import Author, Book, Publisher, Store


def seed():
    ages = {"Adrian Holovaty": 34, "Jacob Kaplan-Moss": 35, "Brad Dayley": 45, "James Bennett": 29, "Jeffrey Forcier": 37, "Paul Bissex": 29, "Wesley J. Chun": 25, "Peter Norvig": 57, "Stuart Russell": 46}
    a = {name: Author.objects.create(name=name, age=age) for name, age in ages.items()}
    apress = Publisher.objects.create(name="Apress")
    sams = Publisher.objects.create(name="Sams")
    prentice = Publisher.objects.create(name="Prentice Hall")
    Publisher.objects.create(name="BaloneyPress")
    d = datetime.date
    b1 = Book.objects.create(name="The Definitive Guide to Django: Web Development Done Right", pages=447, price=Decimal("30.00"), rating=4.5, publisher=apress, pubdate=d(2007, 12, 6))
    b1.authors.add(a["Adrian Holovaty"], a["Jacob Kaplan-Moss"])
    b2 = Book.objects.create(name="Sams Teach Yourself Django in 24 Hours", pages=528, price=Decimal("23.09"), rating=3.0, publisher=sams, pubdate=d(2008, 3, 3))
    b2.authors.add(a["Brad Dayley"])
    b3 = Book.objects.create(name="Practical Django Projects", pages=300, price=Decimal("29.69"), rating=4.0, publisher=apress, pubdate=d(2008, 6, 23))
    b3.authors.add(a["James Bennett"])
    b4 = Book.objects.create(name="Python Web Development with Django", pages=350, price=Decimal("29.69"), rating=4.0, publisher=prentice, pubdate=d(2008, 11, 3))
    b4.authors.add(a["Jeffrey Forcier"], a["Paul Bissex"], a["Wesley J. Chun"])
    b5 = Book.objects.create(name="Artificial Intelligence: A Modern Approach", pages=1132, price=Decimal("82.80"), rating=4.0, publisher=prentice, pubdate=d(1995, 1, 15))
    b5.authors.add(a["Peter Norvig"], a["Stuart Russell"])
    b6 = Book.objects.create(name="Paradigms of Artificial Intelligence Programming", pages=946, price=Decimal("75.00"), rating=5.0, publisher=prentice, pubdate=d(1991, 10, 15))
    b6.authors.add(a["Peter Norvig"])
    s1 = Store.objects.create(name="Amazon.com")
    s1.books.add(b1, b2, b3, b4, b5, b6)
    s2 = Store.objects.create(name="Books.com")
    s2.books.add(b1, b3, b5, b6)
    Store.objects.create(name="Mamma and Pappa's Books")
