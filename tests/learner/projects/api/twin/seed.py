from notes.models import Note


def seed():
    Note.objects.create(title="Groceries", body="milk, eggs")
    Note.objects.create(title="Ideas", body="a lab for Django", pinned=True)
