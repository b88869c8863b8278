import { User } from "django/contrib/auth/models";
import { TestCase, TransactionTestCase } from "django/test";
import { reverse } from "django/urls";
import * as timezone from "django/utils/timezone";
import { Choice, Question } from "./models";

export class VoteTests extends TestCase {
  declare static question: Question;
  declare static tea: Choice;
  declare question: Question;
  declare tea: Choice;

  static setUpTestData() {
    this.question = Question.objects.create({ question_text: "Tea or coffee?", pub_date: timezone.now() });
    this.tea = this.question.choice_set.create({ choice_text: "Tea" });
    this.question.choice_set.create({ choice_text: "Coffee" });
  }

  test_vote_redirects_to_the_results() {
    const response = this.client.post(reverse("polls:vote", { args: [this.question.id] }), { choice: this.tea.id });
    this.assertRedirects(response, reverse("polls:results", { args: [this.question.id] }));
    this.tea.refresh_from_db();
    this.assertEqual(this.tea.votes, 1);
  }

  test_vote_followed_to_the_results_page() {
    const url = reverse("polls:vote", { args: [this.question.id] });
    const response = this.client.post(url, { choice: this.tea.id }, { follow: true });
    this.assertEqual(response.redirect_chain, [[`/polls/${this.question.id}/results/`, 302]]);
    this.assertTemplateUsed(response, "polls/results.html");
    this.assertTemplateNotUsed(response, "polls/detail.html");
    this.assertContains(response, "Tea -- 1 vote");
    this.assertNotContains(response, "Tea -- 1 votes");
  }

  test_vote_without_a_choice_redisplays_the_form() {
    const response = this.client.post(reverse("polls:vote", { args: [this.question.id] }));
    this.assertContains(response, "You didn&#x27;t select a choice.");
    this.assertEqual(response.context.getitem("question"), this.question);
    this.assertEqual(response.resolver_match.url_name, "vote");
  }

  test_each_test_starts_from_setUpTestData() {
    this.assertEqual(Choice.objects.filter({ votes__gt: 0 }).count(), 0);
    this.assertQuerySetEqual(this.question.choice_set.order_by("choice_text"), ["Coffee", "Tea"], { transform: String });
    this.assertQuerySetEqual(this.question.choice_set.all(), ["Tea", "Coffee"], { transform: String, ordered: false });
  }

  test_json() {
    const response = this.client.get(reverse("polls:json", { args: [this.question.id] }));
    this.assertEqual(response.json(), { id: this.question.id, question_text: "Tea or coffee?" });
  }

  test_missing_question() {
    this.assertRaisesMessage(Question.DoesNotExist, "matching query does not exist", () => {
      Question.objects.get({ pk: 0 });
    });
  }

  test_templates_used_while_rendering() {
    this.assertTemplateUsed("polls/index.html", () => {
      this.client.get(reverse("polls:index"));
    });
    this.assertTemplateNotUsed("polls/detail.html", () => {
      this.client.get(reverse("polls:index"));
    });
  }

  test_num_queries() {
    this.assertNumQueries(1, () => {
      [...Question.objects.all()];
    });
  }
}

export class SessionTests extends TestCase {
  test_session_persists_between_requests() {
    this.client.get(reverse("polls:remember"));
    const response = this.client.get(reverse("polls:remember"));
    this.assertContains(response, "visits=2 user=");
    this.assertEqual(this.client.session.getitem("visits"), 2);
  }

  test_login_and_logout() {
    User.objects.create_user("ada", null, "lovelace", { is_staff: true, is_superuser: true });
    this.assertFalse(this.client.login({ username: "ada", password: "wrong" }));
    this.assertTrue(this.client.login({ username: "ada", password: "lovelace" }));
    this.assertContains(this.client.get(reverse("polls:remember")), "user=ada");
    this.assertEqual(this.client.get("/admin/").status_code, 200);
    this.client.logout();
    this.assertRedirects(this.client.get("/admin/"), "/admin/login/?next=/admin/");
  }

  test_force_login() {
    const user = User.objects.create_user("grace");
    this.client.force_login(user);
    const response = this.client.get(reverse("polls:remember"));
    this.assertContains(response, "visits=1 user=grace");
    this.assertEqual(response.wsgi_request.user, user);
  }
}

export class FlushTests extends TransactionTestCase {
  test_a_creates_a_question() {
    Question.objects.create({ question_text: "Kept?", pub_date: timezone.now() });
    this.assertEqual(Question.objects.count(), 1);
  }

  test_b_starts_from_empty_tables() {
    this.assertEqual(Question.objects.count(), 0);
  }
}
