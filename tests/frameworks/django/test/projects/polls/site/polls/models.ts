import { admin } from "django/contrib";
import { models } from "django/db";
import * as timezone from "django/utils/timezone";
import { timedelta } from "python/datetime";

export class Question extends models.Model {
  static fields = {
    question_text: new models.CharField({ max_length: 200 }),
    pub_date: new models.DateTimeField("date published"),
  };
  declare question_text: string;
  declare pub_date: Date;

  toString() {
    return this.question_text;
  }

  was_published_recently() {
    const now = timezone.now();
    return now.sub(new timedelta({ days: 1 })) <= this.pub_date && this.pub_date <= now;
  }
  static {
    admin.display({ boolean: true, ordering: "pub_date", description: "Published recently?" })(this.prototype.was_published_recently);
  }
}

export class Choice extends models.Model {
  static fields = {
    question: new models.ForeignKey(Question, { on_delete: models.CASCADE }),
    choice_text: new models.CharField({ max_length: 200 }),
    votes: new models.IntegerField({ default: 0 }),
  };
  declare question: Question;
  declare choice_text: string;
  declare votes: number;

  toString() {
    return this.choice_text;
  }
}
