/**
 * django.core.mail.backends.filebased in the runtime: a manage.py command that sends mail writes
 * EMAIL_FILE_PATH/<timestamp>-<n>.log into the project (handed back like startapp's files), while a
 * request — the project read-only — gets Django's ImproperlyConfigured for a folder it cannot make.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { get_builtin_scenario } from "../../src/scenarios";
import type { Scenario } from "../../src/scenarios/format";

const NOTIFY = `// blog/management/commands/notify.ts — mails every author
import { BaseCommand } from "django/core/management/base";
import { send_mail } from "django/core/mail";
import { Author } from "blog/models";

export class Command extends BaseCommand {
  handle(options) {
    send_mail("News", \`\${Author.objects.count()} authors\`, "lab@example.com", ["editor@example.com"]);
    send_mail("More news", "Again", "lab@example.com", ["editor@example.com"]);
    this.stdout.write("sent");
  }
}
`;

function project(): Scenario {
  const scenario = get_builtin_scenario("blog-orm")!;
  const settings = `${scenario.files["project/settings.ts"]}\nexport const EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend";\nexport const EMAIL_FILE_PATH = "sent_emails";\n`;
  return { ...scenario, files: { ...scenario.files, "project/settings.ts": settings, "blog/management/commands/notify.ts": NOTIFY } };
}

describe("the filebased email backend in the runtime", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    runtime = await HeadlessRuntime.create();
    expect((await runtime.load({ ...project(), setup: [{ command: "migrate" }] })).ok).toBe(true);
  });

  it("a manage.py command's mail lands in EMAIL_FILE_PATH, one file per message's connection", async () => {
    const result = await runtime.command({ command: "manage", argv: ["notify"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.exit_code).toBe(0);
    // send_mail opens a connection per call: two messages, two files.
    const names = Object.keys(result.files);
    expect(names.length).toBe(2);
    for (const name of names) expect(name).toMatch(/^sent_emails\/\d{8}-\d{6}-\d+\.log$/);
    const texts = names.map((name) => result.files[name]);
    expect(texts.map((t) => t.split("\n").slice(0, 6))).toEqual(["News", "More news"].map((subject) => ['Content-Type: text/plain; charset="utf-8"', "MIME-Version: 1.0", "Content-Transfer-Encoding: 7bit", `Subject: ${subject}`, "From: lab@example.com", "To: editor@example.com"]));
    expect(texts.every((t) => t.endsWith(`\n${"-".repeat(79)}\n`))).toBe(true);
  });
});
