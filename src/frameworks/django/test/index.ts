/**
 * django.test: what `from django.test import …` offers — the test cases (SimpleTestCase,
 * TransactionTestCase, TestCase), the test Client and RequestFactory, override_settings, and the
 * runner behind `manage.py test`.
 *
 *     import { TestCase, Client, override_settings } from "django/test";
 */
export { Client, RequestFactory, RedirectCycleError, encode_multipart, MULTIPART_CONTENT, BOUNDARY } from "./client";
export { SimpleTestCase, TransactionTestCase, TestCase } from "./testcases";
export { override_settings, CaptureQueriesContext, ContextList, setup_test_environment, teardown_test_environment } from "./utils";
export { DiscoverRunner } from "./runner";
export { template_rendered } from "./signals";
