/**
 * django.core.mail.backends.console: `EmailBackend` that writes each message to standard output
 * instead of sending it — the whole MIME text, then a line of 79 "-". The development setting:
 *
 *   EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
 *
 * `stream` (a keyword of the constructor) writes somewhere else, e.g. an io.StringIO in a test.
 */
import { stdout, type TextStream } from "../../../../python/sys";
import { utf8_decode } from "../../../../python/bytes";
import type { EmailMessage } from "../message";
import { BaseEmailBackend, type EmailBackendOptions } from "./base";

export class EmailBackend extends BaseEmailBackend {
  stream: Pick<TextStream, "write" | "flush">;

  constructor(options: EmailBackendOptions & { stream?: Pick<TextStream, "write" | "flush"> } = {}) {
    super(options);
    this.stream = options.stream ?? stdout;
  }

  /** One message: its bytes decoded in the message's charset (UTF-8), a newline, the separator. */
  write_message(message: EmailMessage): void {
    const msg_data = utf8_decode(message.message().as_bytes());
    this.stream.write(`${msg_data}\n`);
    this.stream.write("-".repeat(79));
    this.stream.write("\n");
  }

  /** Writes every message (flushing after each); with fail_silently, an error ends the batch quietly. */
  override send_messages(email_messages: EmailMessage[]): number | null {
    if (email_messages.length === 0) return null;
    let msg_count = 0;
    try {
      const stream_created = this.open();
      for (const message of email_messages) {
        this.write_message(message);
        this.stream.flush();
        msg_count++;
      }
      if (stream_created) this.close();
    } catch (e) {
      if (!this.fail_silently) throw e;
    }
    return msg_count;
  }
}
