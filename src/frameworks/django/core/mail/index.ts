/**
 * django.core.mail: sending email — `send_mail(subject, message, from_email, recipient_list)` →
 * an `EmailMessage` handed to the backend settings.EMAIL_BACKEND names. Main functions:
 * `send_mail`, `get_connection`.
 *
 *   send_mail("Subject", "Body", "from@example.com", ["to@example.com"]);   // 1 (messages sent)
 *   send_mass_mail([["One", "1", null, ["a@example.com"]], …]);              // one connection for all
 *   mail_admins("Broken", "Trace");   // to settings.ADMINS, from SERVER_EMAIL, "[Django] " prefixed
 *
 * The backend decides where mail goes: smtp (the default: a mail server, which a page cannot
 * reach — see backends/smtp.ts), console (printed to standard output), locmem (`mail.outbox`, for
 * tests) or dummy (nowhere).
 */
import { settings } from "../../conf";
import { ValueError } from "../../../python/builtins";
import { import_string } from "../../utils/module_loading";
import type { BaseEmailBackend } from "./backends/base";
import { EmailMessage, EmailMultiAlternatives, _set_get_connection } from "./message";

export { outbox, set_outbox } from "./outbox";
export { DNS_NAME } from "./utils";
export {
  BadHeaderError,
  DEFAULT_ATTACHMENT_MIME_TYPE,
  EmailMessage,
  EmailMultiAlternatives,
  SafeMIMEMultipart,
  SafeMIMEText,
  forbid_multi_line_headers,
  make_msgid,
  type EmailAlternative,
  type EmailAttachment,
} from "./message";

/** `get_connection(backend=None, fail_silently=False, **kwds)`: an instance of the backend class (settings.EMAIL_BACKEND by default). */
export function get_connection(backend: string | null = null, options: { fail_silently?: boolean; [keyword: string]: unknown } = {}): BaseEmailBackend {
  const klass = import_string(backend || settings.EMAIL_BACKEND);
  return new klass({ ...options, fail_silently: options.fail_silently ?? false });
}
_set_get_connection((backend, options) => get_connection(backend, options));

export type SendMailOptions = {
  fail_silently?: boolean;
  auth_user?: string | null;
  auth_password?: string | null;
  connection?: BaseEmailBackend | null;
  html_message?: string | null;
};

/**
 * `send_mail(subject, message, from_email, recipient_list, …)`: one message to all the recipients
 * (each sees the others in To); `html_message` adds a text/html alternative. from_email null →
 * settings.DEFAULT_FROM_EMAIL. Returns the number sent (0 or 1).
 */
export function send_mail(subject: string, message: string, from_email: string | null, recipient_list: string[], options: SendMailOptions = {}): number {
  const connection = options.connection || get_connection(null, { username: options.auth_user ?? null, password: options.auth_password ?? null, fail_silently: options.fail_silently ?? false });
  const mail = new EmailMultiAlternatives(subject, message, from_email, recipient_list, { connection });
  if (options.html_message) mail.attach_alternative(options.html_message, "text/html");
  return mail.send();
}

/** `send_mass_mail(datatuple, …)`: each `[subject, message, from_email, recipient_list]` as its own message, over one connection. */
export function send_mass_mail(datatuple: [string, string, string | null, string[]][], options: Omit<SendMailOptions, "html_message"> = {}): number {
  const connection = options.connection || get_connection(null, { username: options.auth_user ?? null, password: options.auth_password ?? null, fail_silently: options.fail_silently ?? false });
  const messages = datatuple.map(([subject, message, sender, recipient]) => new EmailMessage(subject, message, sender, recipient, { connection }));
  return connection.send_messages(messages) ?? 0;
}

type StaffMailOptions = { fail_silently?: boolean; connection?: BaseEmailBackend | null; html_message?: string | null };

/** mail_admins and mail_managers: "[Django] " + subject, from SERVER_EMAIL, to each (name, address) pair of the setting. */
function mail_staff(setting: "ADMINS" | "MANAGERS", subject: string, message: string, options: StaffMailOptions): void {
  const people: unknown[] = settings[setting];
  if (!people || people.length === 0) return;
  if (!people.every((p) => Array.isArray(p) && p.length === 2)) throw new ValueError(`The ${setting} setting must be a list of 2-tuples.`);
  const mail = new EmailMultiAlternatives(`${settings.EMAIL_SUBJECT_PREFIX}${subject}`, message, settings.SERVER_EMAIL, (people as [string, string][]).map((p) => p[1]), { connection: options.connection ?? null });
  if (options.html_message) mail.attach_alternative(options.html_message, "text/html");
  mail.send(options.fail_silently ?? false);
}

/** `mail_admins(subject, message, …)`: to settings.ADMINS; nothing when it is empty. */
export function mail_admins(subject: string, message: string, options: StaffMailOptions = {}): void {
  mail_staff("ADMINS", subject, message, options);
}

/** `mail_managers(subject, message, …)`: to settings.MANAGERS; nothing when it is empty. */
export function mail_managers(subject: string, message: string, options: StaffMailOptions = {}): void {
  mail_staff("MANAGERS", subject, message, options);
}
