import { User } from "django/contrib/auth/models";
import * as timezone from "django/utils/timezone";
import { datetime, timedelta, timezone as tz } from "python/datetime";
import { Question } from "polls/models";

export function seed() {
  const q = Question.objects.create({ question_text: "What's new?", pub_date: timezone.now().sub(new timedelta({ hours: 2 })) });
  q.choice_set.create({ choice_text: "Not much", votes: 0 });
  q.choice_set.create({ choice_text: "The sky", votes: 0 });
  const old = Question.objects.create({ question_text: "Old question.", pub_date: new datetime(2020, 1, 2, 12, 0, 0, 0, tz.utc) });
  old.choice_set.create({ choice_text: "Yes", votes: 3 });
  Question.objects.create({ question_text: "Future question.", pub_date: timezone.now().add(new timedelta({ days: 30 })) });
  User.objects.create_superuser("admin", "admin@example.com", "pass1234");
}
