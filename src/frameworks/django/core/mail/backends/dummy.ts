/** django.core.mail.backends.dummy: `EmailBackend` that sends nothing and reports every message as sent. */
import type { EmailMessage } from "../message";
import { BaseEmailBackend } from "./base";

export class EmailBackend extends BaseEmailBackend {
  override send_messages(email_messages: EmailMessage[]): number {
    return [...email_messages].length;
  }
}
