/**
 * django.core.mail.backends.base: `BaseEmailBackend`, what every email backend is — a connection
 * that `send_messages(messages)` and answers how many it sent.
 *
 * `open()`/`close()` bracket a connection (the SMTP backend opens one per batch); `fail_silently`
 * turns sending errors into a count of 0. settings.EMAIL_BACKEND names the class get_connection()
 * builds: "django.core.mail.backends.console.EmailBackend" → the `EmailBackend` of console.ts.
 */
import { NotImplementedError } from "../../../../python/builtins";
import type { EmailMessage } from "../message";

export type EmailBackendOptions = { fail_silently?: boolean; [keyword: string]: unknown };

export class BaseEmailBackend {
  fail_silently: boolean;

  constructor(options: EmailBackendOptions = {}) {
    this.fail_silently = options.fail_silently ?? false;
  }

  /** Open a network connection; true when a new one was opened. Nothing to open by default. */
  open(): boolean | null | void {}

  close(): void {}

  /** `with connection:` — open, run, close (closed also when opening fails). */
  __enter__(): this {
    try {
      this.open();
    } catch (e) {
      this.close();
      throw e;
    }
    return this;
  }

  __exit__(): void {
    this.close();
  }

  /** Send the messages; the number sent. */
  send_messages(_email_messages: EmailMessage[]): number | null {
    throw new NotImplementedError("subclasses of BaseEmailBackend must override send_messages() method");
  }
}
