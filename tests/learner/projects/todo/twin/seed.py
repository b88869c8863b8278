import datetime

from django.contrib.auth.models import User

from todo.models import Task


def seed():
    for title in ["Buy milk", "Write report", "Call Ada", "Water plants"]:
        Task.objects.create(title=title, due=datetime.date(2024, 5, 1) if title == "Call Ada" else None)
    User.objects.create_user("ada", "ada@example.com", "lovelace1815")
