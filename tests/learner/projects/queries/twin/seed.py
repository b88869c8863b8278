from datetime import date

from blog.models import Author, Blog, Entry


def seed():
    beatles = Blog.objects.create(name="Beatles Blog", tagline="All the latest Beatles news.")
    cheddar = Blog.objects.create(name="Cheddar Talk", tagline="Cheese, mostly.")
    Blog.objects.create(name="Empty Blog", tagline="Nothing yet.")
    joe = Author.objects.create(name="Joe", email="joe@example.com")
    john = Author.objects.create(name="John", email="john@example.com")
    paul = Author.objects.create(name="Paul", email="paul@example.com")
    lennon = Author.objects.create(name="Lennon", email="lennon@example.com")
    rows = [
        (beatles, "Lennon's first song", date(2008, 2, 1), date(2008, 2, 3), 10, 2, 4, [john, lennon]),
        (beatles, "Who loves Lennon?", date(2005, 5, 2), date(2005, 5, 9), 1, 3, 3, [paul]),
        (beatles, "What is new in 2006", date(2006, 7, 14), date(2006, 7, 14), 4, 4, 5, [john, paul]),
        (cheddar, "Lennon and cheese", date(2007, 3, 12), date(2007, 3, 20), 7, 1, 2, []),
        (cheddar, "Who moved my cheese", date(2005, 5, 6), date(2005, 5, 6), 0, 0, 1, [joe]),
        (cheddar, "Cheddar 100% natural_ish", date(2008, 11, 30), date(2008, 12, 1), 3, 9, 5, [joe, paul]),
    ]
    for blog, headline, pub, mod, comments, pingbacks, rating, authors in rows:
        e = Entry.objects.create(blog=blog, headline=headline, body_text=f"About {headline.lower()}.", pub_date=pub, mod_date=mod, number_of_comments=comments, number_of_pingbacks=pingbacks, rating=rating)
        e.authors.set(authors)
    from blog.models import Dog

    Dog.objects.create(name="Rufus", data={"breed": "labrador", "owner": {"name": "Bob", "other_pets": [{"name": "Fishy"}]}})
    Dog.objects.create(name="Meg", data={"breed": "collie", "owner": None, "age": 3})
    Dog.objects.create(name="Max", data=None)
    Dog.objects.create(name="Shep", data={"breed": "collie", "owner": {"name": "Ann"}, "tags": ["herding", "fast"], "score": 4.5})
