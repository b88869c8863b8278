from articles.models import Author, Book


def seed():
    orwell = Author.objects.create(name="Orwell", title="MR")
    Author.objects.create(name="Austen", title="MS")
    Author.objects.create(name="O'Brien", title="MRS")
    Book.objects.create(author=orwell, title="1984")
