/** django.core.mail against Django 5.2.17's answers (mail.recorded.json, made by mail_record.py beside this file). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { override_settings as settings_override, settings } from "../../../../../src/frameworks/django/conf";
import * as mail from "../../../../../src/frameworks/django/core/mail";
import { EmailMessage, EmailMultiAlternatives } from "../../../../../src/frameworks/django/core/mail";
import { EmailBackend as ConsoleBackend } from "../../../../../src/frameworks/django/core/mail/backends/console";
import { EmailBackend as FileBackend } from "../../../../../src/frameworks/django/core/mail/backends/filebased";
import { set_project_files, type ProjectFiles } from "../../../../../src/frameworks/python/fs";
import { ModuleNotFoundError, set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import { utf8_decode } from "../../../../../src/frameworks/python/bytes";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "mail.recorded.json"), "utf8"));

/** Date, Message-ID and boundaries change with every message: mail_record.py rewrites them the same way. */
function normalise(text: string): string {
  return text
    .replace(/^Date: .*$/gm, "Date: <date>")
    .replace(/^Message-ID: <.*>$/gm, "Message-ID: <id>")
    .replace(/={15}\d+==/g, "===============<boundary>==");
}
const mime = (message: EmailMessage) => normalise(utf8_decode(message.message().as_bytes()));

function error(fn: () => unknown): { type: string; message: string } | null {
  try {
    fn();
  } catch (e) {
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
  return null;
}

class Stream {
  text = "";
  write(s: string) {
    this.text += s;
    return s.length;
  }
  flush() {}
}

const LONG = "This subject line is long enough that Python's email package has to fold it onto more lines";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "mail" });
  set_module_importer((path) => {
    const module = (FRAMEWORK_MODULES as Record<string, any>)[path];
    if (!module) throw new ModuleNotFoundError(`No module named '${path.replace(/\//g, ".")}'`);
    return module;
  });
});

describe("EmailMessage.message(): the MIME text Python's email package writes", () => {
  it("writes a plain ASCII message: 7bit, headers in Django's order", () => {
    expect(mime(new EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]))).toBe(recorded.plain);
  });

  it("uses DEFAULT_FROM_EMAIL, lists To, Cc and Reply-To, and never writes Bcc", () => {
    const m = new EmailMessage("Hi", "Body", null, ["a@example.com", "Bea <b@example.com>"], { cc: ["c@example.com"], bcc: ["hidden@example.com"], reply_to: ["r@example.com"] });
    expect(mime(m)).toBe(recorded.default_from);
  });

  it("encodes a non-ASCII subject as one RFC 2047 word, b or q whichever is shorter", () => {
    expect(mime(new EmailMessage("Gruß aus Köln", "Body", "from@example.com", ["to@example.com"]))).toBe(recorded.utf8_subject);
    expect(mime(new EmailMessage("日本語のメール", "Body", "from@example.com", ["to@example.com"]))).toBe(recorded.utf8_subject_b);
  });

  it("splits a long non-ASCII subject into encoded words on continuation lines", () => {
    expect(mime(new EmailMessage("Réinitialisation du mot de passe sur le site de la bibliothèque municipale", "Body", "from@example.com", ["to@example.com"]))).toBe(recorded.long_utf8_subject);
  });

  it("folds a long ASCII subject twice: by Django without the header name, then by the generator with it", () => {
    expect(mime(new EmailMessage(LONG, "Body", "from@example.com", ["to@example.com"]))).toBe(recorded.long_subject);
  });

  it("sends a UTF-8 body as 8bit, and as quoted-printable when a line passes 998 bytes", () => {
    expect(mime(new EmailMessage("Hi", "Café crème — très bien.\n", "from@example.com", ["to@example.com"]))).toBe(recorded.utf8_body);
    expect(mime(new EmailMessage("Hi", "é" + "x".repeat(1000) + "\nshort\n", "from@example.com", ["to@example.com"]))).toBe(recorded.long_line_body);
    expect(mime(new EmailMessage("Hi", "y".repeat(1000), "from@example.com", ["to@example.com"]))).toBe(recorded.long_ascii_line_body);
  });

  it("encodes non-ASCII display names address by address", () => {
    expect(mime(new EmailMessage("Hi", "Body", "Jürgen <j@example.com>", ["Zoë Ünal <zoe@example.com>", "plain@example.com"]))).toBe(recorded.utf8_name);
  });

  it("lets headers= override From and supply Date and Message-ID", () => {
    const headers = { From: "Override <o@example.com>", "X-Lab": "1", Date: "Tue, 01 Dec 2026 10:00:00 -0000", "Message-ID": "<fixed@example.com>" };
    const m = new EmailMessage("Hi", "Body", "from@example.com", ["to@example.com"], { headers });
    expect(mime(m)).toBe(recorded.extra_headers);
    expect(utf8_decode(m.message().as_bytes())).toContain("Date: Tue, 01 Dec 2026 10:00:00 -0000\nMessage-ID: <fixed@example.com>\n");
  });

  it("accepts the keyword-only call, with an empty subject and body", () => {
    expect(mime(new EmailMessage({ to: ["to@example.com"] }))).toBe(recorded.empty_subject);
  });

  it("builds multipart/alternative for an HTML alternative, and multipart/mixed for attachments", () => {
    const alt = new EmailMultiAlternatives("Hi", "Plain", "from@example.com", ["to@example.com"]);
    alt.attach_alternative("<p>Rich</p>", "text/html");
    expect(mime(alt)).toBe(recorded.alternatives);
    const m = new EmailMessage("Hi", "See attached", "from@example.com", ["to@example.com"]);
    m.attach("notes.txt", "line one\nline two\n", "text/plain");
    m.attach("data.bin", Uint8Array.from([0, 1, 2, 97, 98, 99]), "application/octet-stream");
    m.attach("résumé.txt", "ok");
    expect(mime(m)).toBe(recorded.attachments);
  });

  it("folds ASCII headers after ';' before ',' before a space, and gives an over-long word its own line", () => {
    expect(mime(new EmailMessage("Reminder: items due, books overdue; please return them to the front desk, thanks", "b", "from@example.com", ["to@example.com"]))).toBe(recorded.fold_commas);
    expect(mime(new EmailMessage("x".repeat(90) + " tail", "b", "from@example.com", ["to@example.com"]))).toBe(recorded.fold_long_word);
    const to = [0, 1, 2, 3, 4, 5].map((i) => `reader${i}@library.example.com`);
    expect(mime(new EmailMessage("Hi", "b", "from@example.com", to, { cc: ["Zoë <zoe@example.com>", "Ann <ann@example.com>", "Bo Ek <bo@example.com>", "Cy Dee <cy@example.com>"] }))).toBe(recorded.many_recipients);
    expect(mime(new EmailMessage("Hi", "b", "from@example.com", ["to@example.com"], { headers: { "X-Note": "Ça va très bien, merci beaucoup, et vous? Je vais à la bibliothèque municipale demain" } }))).toBe(recorded.utf8_header);
  });

  it("quoted-printable keeps '=', trailing spaces and tabs safe", () => {
    expect(mime(new EmailMessage("Hi", "a".repeat(1000) + " \nend = fin\t\n" + "z".repeat(74) + "= \n", "from@example.com", ["to@example.com"]))).toBe(recorded.qp_trailing_space);
  });

  it("leaves out an empty body, sends undecodable text bytes as octet-stream, guesses types from names", () => {
    const m = new EmailMessage("Hi", "", "from@example.com", ["to@example.com"]);
    m.attach("a_very_long_file_name_for_the_annual_report_of_the_municipal_library_2026.txt", "x");
    m.attach(null, Uint8Array.from([0xff, 0xfe]), "text/plain");
    m.attach("page.html", "<p>ü</p>");
    expect(mime(m)).toBe(recorded.attachments_no_body);
  });

  it("lists to + cc + bcc as recipients, empty ones dropped", () => {
    expect(new EmailMessage("s", "b", "f@example.com", ["a@example.com", ""], { cc: ["c@example.com"], bcc: ["d@example.com"] }).recipients()).toEqual(recorded.recipients);
  });

  it("refuses newlines in headers (header injection) and misuse of the constructor", () => {
    expect(error(() => new EmailMessage("Hi\nBcc: x@example.com", "b", "f@example.com", ["t@example.com"]).message())).toEqual(recorded.bad_subject);
    expect(error(() => new EmailMessage("Hi", "b", "f@example.com", ["t@example.com"], { headers: { "X-A": "1\r\n2" } }).message())).toEqual(recorded.bad_header);
    expect(error(() => new EmailMessage("Hi", "b", "f@example.com", "t@example.com" as unknown as string[]))).toEqual(recorded.to_string);
    expect(error(() => new EmailMessage().attach("a.txt"))).toEqual(recorded.attach_none);
    expect(error(() => new EmailMultiAlternatives().attach_alternative("x", null))).toEqual(recorded.alternative_none);
  });
});

describe("sending through settings.EMAIL_BACKEND", () => {
  beforeEach(() => {
    mail.set_outbox([]);
  });
  const locmem = <T>(fn: () => T): T => settings_override({ EMAIL_BACKEND: "django.core.mail.backends.locmem.EmailBackend", ADMINS: [["Ada", "ada@example.com"]], MANAGERS: [["Bob", "bob@example.com"]] }, fn);

  it("send_mail puts one EmailMultiAlternatives in mail.outbox (locmem)", () => {
    locmem(() => {
      expect(mail.send_mail("Subject here", "Here is the message.", "from@example.com", ["to@example.com"], { html_message: "<b>Here</b>" })).toBe(recorded.send_mail_count);
      expect(mail.outbox!.map((m) => ({ subject: m.subject, body: m.body, from_email: m.from_email, to: m.to, alternatives: (m as EmailMultiAlternatives).alternatives, class: m.constructor.name }))).toEqual(recorded.send_mail_outbox);
      expect(new EmailMessage("s", "b").send()).toBe(recorded.send_no_recipients);
    });
  });

  it("send_mass_mail sends each tuple as its own EmailMessage", () => {
    locmem(() => {
      expect(mail.send_mass_mail([["One", "1", "f@example.com", ["a@example.com"]], ["Two", "2", null, ["b@example.com", "c@example.com"]]])).toBe(recorded.send_mass_mail);
      expect(mail.outbox!.map((m) => ({ subject: m.subject, from_email: m.from_email, to: m.to, class: m.constructor.name }))).toEqual(recorded.send_mass_outbox);
    });
  });

  it("mail_admins and mail_managers prefix the subject and send from SERVER_EMAIL", () => {
    locmem(() => {
      mail.mail_admins("Broken", "Trace");
      mail.mail_managers("Signup", "New user");
      expect(mail.outbox!.map((m) => ({ subject: m.subject, from_email: m.from_email, to: m.to }))).toEqual(recorded.admins_managers);
      expect(error(() => settings_override({ ADMINS: ["ada@example.com"] }, () => mail.mail_admins("x", "y")))).toEqual(recorded.admins_not_tuples);
    });
  });

  it("the console backend writes each message, then 79 dashes", () => {
    const stream = new Stream();
    const connection = new ConsoleBackend({ stream });
    expect(connection.send_messages([new EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]), new EmailMessage("Zwei", "Grüße", "from@example.com", ["to@example.com"])])).toBe(recorded.console_count);
    expect(normalise(stream.text)).toBe(recorded.console);
    expect(new ConsoleBackend({ stream: new Stream() }).send_messages([])).toBe(recorded.console_empty);
  });

  it("the filebased backend writes the console's text to one file per connection under EMAIL_FILE_PATH", () => {
    const files = new Map<string, string>();
    const folders = new Set<string>();
    const project: ProjectFiles = {
      read: (p) => files.get(p) ?? null,
      write: (p, text) => void files.set(p, text),
      exists: (p) => files.has(p) || folders.has(p),
      mkdir: (p) => void folders.add(p),
    };
    set_project_files(project);
    try {
      const connection = new FileBackend({ file_path: "./sent/" });
      expect(folders.has("sent")).toBe(true);
      expect(connection.send_messages([new EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]), new EmailMessage("Zwei", "Grüße", "from@example.com", ["to@example.com"])])).toBe(recorded.filebased_count);
      const [name] = [...files.keys()];
      expect(/^sent\/\d{8}-\d{6}-\d+\.log$/.test(name)).toBe(recorded.filebased_name);
      expect(normalise(files.get(name)!)).toBe(recorded.filebased);
      connection.send_messages([new EmailMessage("Again", "Same connection.", "from@example.com", ["to@example.com"])]);
      expect(files.size).toBe(recorded.filebased_same_connection_files);
      expect(normalise(files.get(name)!)).toBe(recorded.filebased_appended);
      settings_override({ EMAIL_FILE_PATH: "sent" }, () => mail.get_connection("django.core.mail.backends.filebased.EmailBackend").send_messages([new EmailMessage("Other", "Another connection.", "from@example.com", ["to@example.com"])]));
      expect(files.size).toBe(recorded.filebased_second_connection_files);
      files.set("afile", "x");
      expect(error(() => new FileBackend({ file_path: "afile" }))).toEqual(recorded.filebased_not_a_directory);
      expect(error(() => new FileBackend())).toEqual(recorded.filebased_no_path);
    } finally {
      set_project_files(null);
    }
  });

  it("the filebased backend cannot make its folder while the project is read-only (a request)", () => {
    expect(error(() => new FileBackend({ file_path: "sent" }))).toEqual({
      type: "ImproperlyConfigured",
      message: "Could not create directory for saving email messages: sent ([Errno 30] Read-only file system: 'sent')",
    });
  });

  it("dummy sends nothing; an unknown backend is a ModuleNotFoundError", () => {
    expect(mail.get_connection("django.core.mail.backends.dummy.EmailBackend").send_messages([new EmailMessage(), new EmailMessage()])).toBe(recorded.dummy);
    expect(error(() => mail.get_connection("django.core.mail.backends.nope.EmailBackend"))).toEqual(recorded.bad_backend);
  });

  it("smtp (the default) finds no server: ConnectionRefusedError, or 0 when failing silently", () => {
    const message = () => new EmailMessage("s", "b", "f@example.com", ["t@example.com"]);
    expect(error(() => mail.get_connection("django.core.mail.backends.smtp.EmailBackend").send_messages([message()]))).toEqual(recorded.smtp);
    expect(error(() => message().send())).toEqual(recorded.smtp);
    expect(mail.get_connection("django.core.mail.backends.smtp.EmailBackend", { fail_silently: true }).send_messages([message()])).toBe(recorded.smtp_silent);
    expect(error(() => mail.get_connection("django.core.mail.backends.smtp.EmailBackend", { use_tls: true, use_ssl: true }))).toEqual(recorded.smtp_tls_ssl);
  });
});
