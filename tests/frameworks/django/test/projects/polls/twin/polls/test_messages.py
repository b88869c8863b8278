import unittest

from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import timezone

from .models import Question


class FailingAssertionTests(TestCase):
    def test_contains(self):
        response = self.client.get(reverse("polls:index"))
        self.assertContains(response, "Some polls")

    def test_contains_count(self):
        response = self.client.get(reverse("polls:index"))
        self.assertContains(response, "polls", count=2)

    def test_contains_status_code(self):
        response = self.client.get("/polls/999/")
        self.assertContains(response, "Question")

    def test_redirects(self):
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/admin/login/")

    def test_template_used(self):
        response = self.client.get(reverse("polls:index"))
        self.assertTemplateUsed(response, "polls/detail.html")

    def test_queryset_equal(self):
        Question.objects.create(question_text="Left over?", pub_date=timezone.now())
        self.assertQuerySetEqual(Question.objects.all(), [])

    def test_num_queries(self):
        with self.assertNumQueries(2):
            list(Question.objects.filter(question_text__startswith="W"))


class UnittestFeatureTests(SimpleTestCase):
    @unittest.skip("not today")
    def test_skipped(self):
        self.fail("never runs")

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_list_diff(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_dict_diff(self):
        self.assertEqual({"a": 1, "b": 2}, {"a": 1, "b": 3})

    def test_not_raised(self):
        with self.assertRaises(ValueError):
            reverse("polls:index")

    def test_reverse(self):
        self.assertEqual(reverse("polls:detail", args=(3,)), "/polls/3/")


class DatabaseForbiddenTests(SimpleTestCase):
    def test_query(self):
        self.assertEqual(Question.objects.count(), 0)
