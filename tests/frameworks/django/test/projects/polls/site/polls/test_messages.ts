import { SimpleTestCase, TestCase } from "django/test";
import { reverse } from "django/urls";
import * as timezone from "django/utils/timezone";
import { ValueError } from "python";
import { expectedFailure, skip } from "python/unittest";
import { Question } from "./models";

export class FailingAssertionTests extends TestCase {
  test_contains() {
    const response = this.client.get(reverse("polls:index"));
    this.assertContains(response, "Some polls");
  }

  test_contains_count() {
    const response = this.client.get(reverse("polls:index"));
    this.assertContains(response, "polls", { count: 2 });
  }

  test_contains_status_code() {
    const response = this.client.get("/polls/999/");
    this.assertContains(response, "Question");
  }

  test_redirects() {
    const response = this.client.get("/admin/");
    this.assertRedirects(response, "/admin/login/");
  }

  test_template_used() {
    const response = this.client.get(reverse("polls:index"));
    this.assertTemplateUsed(response, "polls/detail.html");
  }

  test_queryset_equal() {
    Question.objects.create({ question_text: "Left over?", pub_date: timezone.now() });
    this.assertQuerySetEqual(Question.objects.all(), []);
  }

  test_num_queries() {
    this.assertNumQueries(2, () => {
      [...Question.objects.filter({ question_text__startswith: "W" })];
    });
  }
}

export class UnittestFeatureTests extends SimpleTestCase {
  test_skipped() {
    this.fail("never runs");
  }
  static {
    skip("not today")(this.prototype.test_skipped);
  }

  test_expected_failure() {
    this.assertEqual(1, 2);
  }
  static {
    expectedFailure(this.prototype.test_expected_failure);
  }

  test_subtests() {
    for (const i of [0, 1, 2]) {
      this.subTest({ i }, () => {
        this.assertLess(i, 2);
      });
    }
  }

  test_list_diff() {
    this.assertEqual([1, 2, 3], [1, 2, 4]);
  }

  test_dict_diff() {
    this.assertEqual({ a: 1, b: 2 }, { a: 1, b: 3 });
  }

  test_not_raised() {
    this.assertRaises(ValueError, () => {
      reverse("polls:index");
    });
  }

  test_reverse() {
    this.assertEqual(reverse("polls:detail", { args: [3] }), "/polls/3/");
  }
}

export class DatabaseForbiddenTests extends SimpleTestCase {
  test_query() {
    this.assertEqual(Question.objects.count(), 0);
  }
}
