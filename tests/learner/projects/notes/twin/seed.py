from django.contrib.auth.models import User

from notes.models import Note


def seed():
    Note.objects.create(title="Groceries", body="milk, eggs")
    User.objects.create_user("ada", "ada@example.com", "lovelace1815")
