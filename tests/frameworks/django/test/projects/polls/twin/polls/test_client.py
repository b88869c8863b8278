from django.contrib.auth.models import User
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from .models import Choice, Question


class VoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.question = Question.objects.create(question_text="Tea or coffee?", pub_date=timezone.now())
        cls.tea = cls.question.choice_set.create(choice_text="Tea")
        cls.question.choice_set.create(choice_text="Coffee")

    def test_vote_redirects_to_the_results(self):
        response = self.client.post(reverse("polls:vote", args=(self.question.id,)), {"choice": self.tea.id})
        self.assertRedirects(response, reverse("polls:results", args=(self.question.id,)))
        self.tea.refresh_from_db()
        self.assertEqual(self.tea.votes, 1)

    def test_vote_followed_to_the_results_page(self):
        url = reverse("polls:vote", args=(self.question.id,))
        response = self.client.post(url, {"choice": self.tea.id}, follow=True)
        self.assertEqual(response.redirect_chain, [(f"/polls/{self.question.id}/results/", 302)])
        self.assertTemplateUsed(response, "polls/results.html")
        self.assertTemplateNotUsed(response, "polls/detail.html")
        self.assertContains(response, "Tea -- 1 vote")
        self.assertNotContains(response, "Tea -- 1 votes")

    def test_vote_without_a_choice_redisplays_the_form(self):
        response = self.client.post(reverse("polls:vote", args=(self.question.id,)))
        self.assertContains(response, "You didn&#x27;t select a choice.")
        self.assertEqual(response.context["question"], self.question)
        self.assertEqual(response.resolver_match.url_name, "vote")

    def test_each_test_starts_from_setUpTestData(self):
        self.assertEqual(Choice.objects.filter(votes__gt=0).count(), 0)
        self.assertQuerySetEqual(self.question.choice_set.order_by("choice_text"), ["Coffee", "Tea"], transform=str)
        self.assertQuerySetEqual(self.question.choice_set.all(), ["Tea", "Coffee"], transform=str, ordered=False)

    def test_json(self):
        response = self.client.get(reverse("polls:json", args=(self.question.id,)))
        self.assertEqual(response.json(), {"id": self.question.id, "question_text": "Tea or coffee?"})

    def test_missing_question(self):
        with self.assertRaisesMessage(Question.DoesNotExist, "matching query does not exist"):
            Question.objects.get(pk=0)

    def test_templates_used_while_rendering(self):
        with self.assertTemplateUsed("polls/index.html"):
            self.client.get(reverse("polls:index"))
        with self.assertTemplateNotUsed("polls/detail.html"):
            self.client.get(reverse("polls:index"))

    def test_num_queries(self):
        with self.assertNumQueries(1):
            list(Question.objects.all())


class SessionTests(TestCase):
    def test_session_persists_between_requests(self):
        self.client.get(reverse("polls:remember"))
        response = self.client.get(reverse("polls:remember"))
        self.assertContains(response, "visits=2 user=")
        self.assertEqual(self.client.session["visits"], 2)

    def test_login_and_logout(self):
        User.objects.create_user("ada", password="lovelace", is_staff=True, is_superuser=True)
        self.assertFalse(self.client.login(username="ada", password="wrong"))
        self.assertTrue(self.client.login(username="ada", password="lovelace"))
        self.assertContains(self.client.get(reverse("polls:remember")), "user=ada")
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.client.logout()
        self.assertRedirects(self.client.get("/admin/"), "/admin/login/?next=/admin/")

    def test_force_login(self):
        user = User.objects.create_user("grace")
        self.client.force_login(user)
        response = self.client.get(reverse("polls:remember"))
        self.assertContains(response, "visits=1 user=grace")
        self.assertEqual(response.wsgi_request.user, user)


class FlushTests(TransactionTestCase):
    def test_a_creates_a_question(self):
        Question.objects.create(question_text="Kept?", pub_date=timezone.now())
        self.assertEqual(Question.objects.count(), 1)

    def test_b_starts_from_empty_tables(self):
        self.assertEqual(Question.objects.count(), 0)
