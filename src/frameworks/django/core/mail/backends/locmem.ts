/**
 * django.core.mail.backends.locmem: `EmailBackend` that keeps messages in `mail.outbox` — what
 * Django's test runner installs, so a test can read what would have been sent.
 *
 *   send_mail("Hi", "Body", "from@example.com", ["to@example.com"]);
 *   mail.outbox[0].subject;   // "Hi"
 *
 * Each message is built first (`message()`), so a header injection fails here as it would on the
 * wire, and a copy is kept: changing the message afterwards does not change the outbox.
 */
import { outbox, set_outbox } from "../outbox";
import type { EmailMessage } from "../message";
import { BaseEmailBackend, type EmailBackendOptions } from "./base";

export class EmailBackend extends BaseEmailBackend {
  constructor(options: EmailBackendOptions = {}) {
    super(options);
    if (outbox === undefined) set_outbox([]);
  }

  override send_messages(messages: EmailMessage[]): number {
    let count = 0;
    for (const message of messages) {
      message.message();
      outbox!.push(copy_message(message));
      count++;
    }
    return count;
  }
}

/** `copy.deepcopy(message)`: the lists and header dict copied, the connection shared. */
function copy_message(message: EmailMessage): EmailMessage {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(message) as object) as EmailMessage, message);
  for (const key of ["to", "cc", "bcc", "reply_to", "attachments", "alternatives"] as const) {
    const value = (copy as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) (copy as unknown as Record<string, unknown>)[key] = value.map((item: unknown) => (Array.isArray(item) ? [...item] : item));
  }
  copy.extra_headers = { ...message.extra_headers };
  return copy;
}
