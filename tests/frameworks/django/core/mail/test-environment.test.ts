/** Django's test runner sends mail to `mail.outbox`: setup_test_environment() switches EMAIL_BACKEND to locmem. */
import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import * as mail from "../../../../../src/frameworks/django/core/mail";
import { setup_test_environment, teardown_test_environment } from "../../../../../src/frameworks/django/test/utils";
import { set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "mail", ALLOWED_HOSTS: [] });
  set_module_importer((path) => (FRAMEWORK_MODULES as Record<string, any>)[path]);
});

describe("setup_test_environment and mail", () => {
  it("uses the locmem backend and an empty outbox while testing, then puts the setting back", () => {
    expect(settings.EMAIL_BACKEND).toBe("django.core.mail.backends.smtp.EmailBackend");
    setup_test_environment();
    try {
      expect(settings.EMAIL_BACKEND).toBe("django.core.mail.backends.locmem.EmailBackend");
      expect(mail.outbox).toEqual([]);
      mail.send_mail("Reset", "Follow the link", null, ["ann@example.com"]);
      expect(mail.outbox!.map((m) => [m.subject, m.from_email, m.to])).toEqual([["Reset", "webmaster@localhost", ["ann@example.com"]]]);
    } finally {
      teardown_test_environment();
    }
    expect(settings.EMAIL_BACKEND).toBe("django.core.mail.backends.smtp.EmailBackend");
    expect(mail.outbox).toBeUndefined();
  });
});
