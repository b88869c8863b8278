import { TestCase } from "django/test";
import { reverse } from "django/urls";
import * as timezone from "django/utils/timezone";
import { timedelta } from "python/datetime";
import { Question } from "./models";

export class QuestionModelTests extends TestCase {
  /** was_published_recently() returns False for questions whose pub_date is in the future. */
  test_was_published_recently_with_future_question() {
    const time = timezone.now().add(new timedelta({ days: 30 }));
    const future_question = new Question({ pub_date: time });
    this.assertIs(future_question.was_published_recently(), false);
  }

  /** was_published_recently() returns False for questions whose pub_date is older than 1 day. */
  test_was_published_recently_with_old_question() {
    const time = timezone.now().sub(new timedelta({ days: 1, seconds: 1 }));
    const old_question = new Question({ pub_date: time });
    this.assertIs(old_question.was_published_recently(), false);
  }

  /** was_published_recently() returns True for questions whose pub_date is within the last day. */
  test_was_published_recently_with_recent_question() {
    const time = timezone.now().sub(new timedelta({ hours: 23, minutes: 59, seconds: 59 }));
    const recent_question = new Question({ pub_date: time });
    this.assertIs(recent_question.was_published_recently(), true);
  }

  test_str_is_the_question_text() {
    const question = new Question({ question_text: "What's new?" });
    this.assertEqual(String(question), "What's up?");
  }

  test_get_a_missing_question() {
    const question = Question.objects.get({ pk: 999 });
    this.assertEqual(question.question_text, "Missing");
  }
}

/**
 * Create a question with the given `question_text` and published the given number of `days`
 * offset to now (negative for questions published in the past, positive for questions that have
 * yet to be published).
 */
function create_question(question_text, days) {
  const time = timezone.now().add(new timedelta({ days }));
  return Question.objects.create({ question_text, pub_date: time });
}

export class QuestionIndexViewTests extends TestCase {
  /** If no questions exist, an appropriate message is displayed. */
  test_no_questions() {
    const response = this.client.get(reverse("polls:index"));
    this.assertEqual(response.status_code, 200);
    this.assertContains(response, "No polls are available.");
    this.assertQuerySetEqual(response.context.getitem("latest_question_list"), []);
  }

  /** Questions with a pub_date in the past are displayed on the index page. */
  test_past_question() {
    const question = create_question("Past question.", -30);
    const response = this.client.get(reverse("polls:index"));
    this.assertQuerySetEqual(response.context.getitem("latest_question_list"), [question]);
  }

  /** Questions with a pub_date in the future aren't displayed on the index page. */
  test_future_question() {
    create_question("Future question.", 30);
    const response = this.client.get(reverse("polls:index"));
    this.assertContains(response, "No polls are available.");
    this.assertQuerySetEqual(response.context.getitem("latest_question_list"), []);
  }

  /** Even if both past and future questions exist, only past questions are displayed. */
  test_future_question_and_past_question() {
    const question = create_question("Past question.", -30);
    create_question("Future question.", 30);
    const response = this.client.get(reverse("polls:index"));
    this.assertQuerySetEqual(response.context.getitem("latest_question_list"), [question]);
  }

  /** The questions index page may display multiple questions. */
  test_two_past_questions() {
    const question1 = create_question("Past question 1.", -30);
    const question2 = create_question("Past question 2.", -5);
    const response = this.client.get(reverse("polls:index"));
    this.assertQuerySetEqual(response.context.getitem("latest_question_list"), [question2, question1]);
  }
}

export class QuestionDetailViewTests extends TestCase {
  /** The detail view of a question with a pub_date in the future returns a 404 not found. */
  test_future_question() {
    const future_question = create_question("Future question.", 5);
    const url = reverse("polls:detail", { args: [future_question.id] });
    const response = this.client.get(url);
    this.assertEqual(response.status_code, 404);
  }

  /** The detail view of a question with a pub_date in the past displays the question's text. */
  test_past_question() {
    const past_question = create_question("Past Question.", -5);
    const url = reverse("polls:detail", { args: [past_question.id] });
    const response = this.client.get(url);
    this.assertContains(response, past_question.question_text);
  }
}
