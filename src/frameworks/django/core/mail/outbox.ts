/**
 * `django.core.mail.outbox`: the list the locmem backend appends to. Python sets it as an attribute
 * of the package the first time a locmem backend is created (before that, `mail.outbox` does not
 * exist: here it is undefined). `import { outbox } from "django/core/mail"` reads it live.
 */
import type { EmailMessage } from "./message";

export let outbox: EmailMessage[] | undefined = undefined;

/** `mail.outbox = []`: what the test runner does before each test (and locmem on first use). */
export function set_outbox(messages: EmailMessage[] | undefined): void {
  outbox = messages;
}
