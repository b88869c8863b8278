/**
 * django.core.mail.backends.smtp: `EmailBackend` that hands messages to an SMTP server
 * (settings.EMAIL_HOST:EMAIL_PORT, localhost:25 by default) — Django's default EMAIL_BACKEND.
 *
 * A page in a browser cannot open a TCP connection, so there is never a server to reach. That is
 * exactly what Django meets on a machine with no mail server running: connecting to localhost:25
 * fails with `ConnectionRefusedError: [Errno 111] Connection refused`. We raise that same error,
 * at the same moment (`open()`, when the first batch is sent), so a learner who forgot to choose a
 * backend sees what they would see at home — and the fix is the same: set EMAIL_BACKEND to the
 * console or locmem backend. With fail_silently the batch is dropped and 0 is returned.
 */
import { settings } from "../../../conf";
import { ConnectionRefusedError, ValueError } from "../../../../python/builtins";
import type { EmailMessage } from "../message";
import { BaseEmailBackend, type EmailBackendOptions } from "./base";

export type SMTPBackendOptions = EmailBackendOptions & {
  host?: string | null;
  port?: number | null;
  username?: string | null;
  password?: string | null;
  use_tls?: boolean | null;
  use_ssl?: boolean | null;
  timeout?: number | null;
  ssl_keyfile?: string | null;
  ssl_certfile?: string | null;
};

export class EmailBackend extends BaseEmailBackend {
  host: string;
  port: number;
  username: string;
  password: string;
  use_tls: boolean;
  use_ssl: boolean;
  timeout: number | null;
  ssl_keyfile: string | null;
  ssl_certfile: string | null;
  /** The open SMTP connection: never one here. */
  connection: null = null;

  /** Each option falls back to its EMAIL_* setting. */
  constructor(options: SMTPBackendOptions = {}) {
    super({ fail_silently: options.fail_silently ?? false });
    this.host = options.host || settings.EMAIL_HOST;
    this.port = options.port || settings.EMAIL_PORT;
    this.username = options.username ?? settings.EMAIL_HOST_USER;
    this.password = options.password ?? settings.EMAIL_HOST_PASSWORD;
    this.use_tls = options.use_tls ?? settings.EMAIL_USE_TLS;
    this.use_ssl = options.use_ssl ?? settings.EMAIL_USE_SSL;
    this.timeout = options.timeout ?? settings.EMAIL_TIMEOUT;
    this.ssl_keyfile = options.ssl_keyfile ?? settings.EMAIL_SSL_KEYFILE;
    this.ssl_certfile = options.ssl_certfile ?? settings.EMAIL_SSL_CERTFILE;
    if (this.use_ssl && this.use_tls) throw new ValueError("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True.");
  }

  /** Connect to host:port — refused, as with no mail server listening; null when failing silently. */
  override open(): boolean | null {
    if (!this.fail_silently) throw new ConnectionRefusedError(111, "Connection refused");
    return null;
  }

  override close(): void {}

  /** Opens the connection for the batch; nothing is sent when it cannot be opened. */
  override send_messages(email_messages: EmailMessage[]): number {
    if (email_messages.length === 0) return 0;
    // open() never connects here: it raised, or (failing silently) there is no connection to send on.
    this.open();
    return 0;
  }
}
