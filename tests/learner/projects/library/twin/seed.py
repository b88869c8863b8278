import datetime
from decimal import Decimal

from library.models import Author, Book, Tag


def seed():
    utc = datetime.timezone.utc
    python, web, classic = (Tag.objects.create(name=n) for n in ["python", "web", "classic"])
    ada = Author.objects.create(name="Ada Lovelace", born=datetime.date(1815, 12, 10))
    guido = Author.objects.create(name="Guido van Rossum")
    Author.objects.create(name="Nobody Yet")
    b1 = Book.objects.create(title="Notes on the Engine", author=ada, price=Decimal("25.50"), published=datetime.datetime(1843, 9, 1, tzinfo=utc))
    b1.tags.add(classic)
    b2 = Book.objects.create(title="Python Tricks", author=guido, price=Decimal("39.99"), published=datetime.datetime(2017, 10, 25, 9, 30, tzinfo=utc))
    b2.tags.add(python, web)
    b3 = Book.objects.create(title="Web Python", author=guido, price=Decimal("12"), published=datetime.datetime(2017, 3, 1, tzinfo=utc), in_stock=False)
    b3.tags.add(web)
