import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from polls.models import Question


def seed():
    q = Question.objects.create(question_text="What's new?", pub_date=timezone.now() - datetime.timedelta(hours=2))
    q.choice_set.create(choice_text="Not much", votes=0)
    q.choice_set.create(choice_text="The sky", votes=0)
    old = Question.objects.create(question_text="Old question.", pub_date=datetime.datetime(2020, 1, 2, 12, 0, tzinfo=datetime.timezone.utc))
    old.choice_set.create(choice_text="Yes", votes=3)
    Question.objects.create(question_text="Future question.", pub_date=timezone.now() + datetime.timedelta(days=30))
    User.objects.create_superuser("admin", "admin@example.com", "pass1234")
