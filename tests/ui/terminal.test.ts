/**
 * The Terminal's model, driven with keystrokes as xterm sends them, against the real headless
 * runtime (blog-orm loaded in sql.js): command lines parsed as a shell splits them, manage.py's
 * output on the screen, prompts answered line by line, the history on the arrow keys, passwords
 * not echoed, and each command's trace kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { get_builtin_scenario } from "../../src/scenarios";
import { SHELL_PROMPT, TerminalModel, parse_command_line as parse_line, split_words } from "../../src/ui/panels/terminal-model";
import { mode_descriptor } from "../../src/modes/descriptors";

/** The Django mode's manage.py, as the Terminal gets it from the project's mode. */
const MANAGE_PY = mode_descriptor("django")!.command_line!;
const parse_command_line = (line: string) => parse_line(line, MANAGE_PY);

/** The screen's text without colours (xterm draws the ANSI styles; the text is what is read). */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r\n/g, "\n");

const UP = "\x1b[A";
const DOWN = "\x1b[B";

describe("command lines", () => {
  it("splits words as a POSIX shell: quotes, escapes, an unterminated quote is an error", () => {
    expect(split_words(`python manage.py shell -c "print(Author.objects.count())"`)).toEqual(["python", "manage.py", "shell", "-c", "print(Author.objects.count())"]);
    expect(split_words(`a 'b c' "d \\"e\\"" f\\ g`)).toEqual(["a", "b c", 'd "e"', "f g"]);
    expect(split_words(`x''y ""`)).toEqual(["xy", ""]);
    expect(split_words(`echo "open`)).toEqual({ error: 'unexpected EOF while looking for matching `"\'' });
  });

  it("python manage.py, ./manage.py and django-admin run manage.py; other programs are not here", () => {
    expect(parse_command_line("python manage.py sqlmigrate blog 0001")).toEqual({ kind: "manage", argv: ["sqlmigrate", "blog", "0001"] });
    expect(parse_command_line("python3 ./manage.py migrate")).toEqual({ kind: "manage", argv: ["migrate"] });
    expect(parse_command_line("./manage.py")).toEqual({ kind: "manage", argv: [] });
    expect(parse_command_line("django-admin check")).toEqual({ kind: "manage", argv: ["check"] });
    expect(parse_command_line("   ")).toEqual({ kind: "empty" });
    expect(parse_command_line("ls -la")).toEqual({ kind: "unknown", program: "ls" });
    expect(parse_command_line("history")).toEqual({ kind: "builtin", name: "history" });
  });
});

describe("the Terminal on blog-orm", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    runtime = await HeadlessRuntime.create();
    expect((await runtime.load(get_builtin_scenario("blog-orm")!)).ok).toBe(true);
  });

  function terminal(): { model: TerminalModel; screen: () => string } {
    const model = new TerminalModel(async (command) => ({ kind: "done", ms: 0, value: await runtime.command(command) }), () => MANAGE_PY);
    let written = "";
    model.attach({ write: (text) => (written += text), clear: () => (written = "") });
    return { model, screen: () => plain(written) };
  }

  it("runs python manage.py showmigrations and prints what manage.py prints, then the prompt again", async () => {
    const { model, screen } = terminal();
    await model.input("python manage.py showmigrations\r");
    // The system checks' warnings (stderr) first, then the list, as at a real terminal.
    expect(screen()).toContain("~/project$ python manage.py showmigrations\nSystem check identified some issues:\n");
    expect(screen().endsWith("blog.Post: (models.W042) Auto-created primary key used when not defining a primary key type, by default 'django.db.models.AutoField'.\n\tHINT: Configure the DEFAULT_AUTO_FIELD setting or the BlogConfig.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.\nblog\n [X] 0001_initial\n~/project$ ")).toBe(true);
    expect(model.last?.title).toBe("python manage.py showmigrations");
    expect(model.last?.exit_code).toBe(0);
    const names = model.last!.trace.spans.map((s) => s.name);
    expect(names[0]).toBe("manage.py showmigrations");
    for (const step of ["LazySettings._setup", "django.setup", "apps.populate", "import blog.models", "BlogConfig.ready"]) expect(names).toContain(step);
  });

  it("a CommandError goes to the screen with exit status 1; an unknown program is explained", async () => {
    const { model, screen } = terminal();
    await model.input("python manage.py sqlmigrate blog 0009\r");
    expect(screen()).toContain("CommandError: Cannot find a migration matching '0009' from app 'blog'. Is it in INSTALLED_APPS?\n~/project$ ");
    expect(model.last?.exit_code).toBe(1);
    await model.input("ls\r");
    expect(screen()).toContain("ls: command not found here.");
  });

  it("↑ and ↓ walk the history; the recalled line runs again; ← edits in the middle", async () => {
    const { model, screen } = terminal();
    await model.input("python manage.py showmigrations\r");
    await model.input("python manage.py check --tag models\r");
    expect(model.entries()).toEqual(["python manage.py showmigrations", "python manage.py check --tag models"]);
    await model.input(UP + UP);
    expect(screen().endsWith("~/project$ python manage.py showmigrations")).toBe(true);
    await model.input(DOWN + DOWN + "python manage.py sqlmigrate blog 001");
    await model.input("\x1b[D\x1b[D\x1b[D" + "0");
    await model.input("\r");
    expect(model.last?.title).toBe("python manage.py sqlmigrate blog 0001");
    expect(screen()).toContain('CREATE TABLE "blog_author"');
    await model.input(UP + "\r");
    expect(model.entries().slice(-1)).toEqual(["python manage.py sqlmigrate blog 0001"]);
  });

  it("shell: the process waits at >>>, each line runs in it, Ctrl-D ends it", async () => {
    const { model, screen } = terminal();
    await model.input("python manage.py shell\r");
    expect(model.prompt).toEqual({ text: ">>> ", secret: false });
    await model.input('const a = Author.objects.create({ name: "Barbara Liskov" })\r');
    await model.input("Author.objects.filter({ name__startswith: 'B' })\r");
    expect(screen()).toContain(">>> Author.objects.filter({ name__startswith: 'B' })\n<QuerySet [<Author: Barbara Liskov>]>\n>>> ");
    const sql = model.last!.trace.spans.filter((s) => s.kind === "sql").map((s) => String(s.attrs.sql));
    expect(sql.some((q) => q.includes("LIKE") && q.endsWith("LIMIT 21"))).toBe(true);
    await model.input("\x04");
    expect(model.prompt).toBeNull();
    expect(screen().endsWith("now exiting InteractiveConsole...\n~/project$ ")).toBe(true);
    await model.input("python manage.py shell -c \"print(Author.objects.filter({ name: 'Barbara Liskov' }).count())\"\r");
    expect(screen()).toContain("\n1\n~/project$ ");
  });

  it("dbshell: SQL on the project's database at sqlite>, .quit leaves it", async () => {
    const { model, screen } = terminal();
    await model.input("python manage.py dbshell\r");
    expect(model.prompt?.text).toBe("sqlite> ");
    await model.input("SELECT count(*) FROM blog_post;\r");
    expect(screen()).toContain("sqlite> SELECT count(*) FROM blog_post;\n7\nsqlite> ");
    await model.input(".quit\r");
    expect(model.prompt).toBeNull();
    expect(screen().endsWith("sqlite> .quit\n~/project$ ")).toBe(true);
  });
});

describe("the Terminal with django.contrib.auth", () => {
  it("createsuperuser: prompts in turn, the password typed but not echoed", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(get_builtin_scenario("admin-users")!)).ok).toBe(true);
    const model = new TerminalModel(async (command) => ({ kind: "done", ms: 0, value: await runtime.command(command) }), () => MANAGE_PY);
    let written = "";
    model.attach({ write: (text) => (written += text), clear: () => (written = "") });
    await model.input("python manage.py createsuperuser\r");
    expect(model.prompt).toEqual({ text: "Username: ", secret: false });
    await model.input("hopper\r");
    expect(model.prompt?.text).toBe("Email address: ");
    await model.input("grace@example.com\r");
    expect(model.prompt).toEqual({ text: "Password: ", secret: true });
    await model.input("s3cret-Passw0rd\r");
    await model.input(UP);
    await model.input("s3cret-Passw0rd\r");
    expect(plain(written)).toContain("Superuser created successfully.\n" + plain(SHELL_PROMPT));
    expect(written).not.toContain("s3cret");
    expect(model.entries()).toEqual(["python manage.py createsuperuser", "hopper", "grace@example.com"]);
  });

  it("Ctrl-C at a prompt interrupts the process: Django's 'Operation cancelled.', exit status 1", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(get_builtin_scenario("admin-users")!)).ok).toBe(true);
    const model = new TerminalModel(async (command) => ({ kind: "done", ms: 0, value: await runtime.command(command) }), () => MANAGE_PY);
    let written = "";
    model.attach({ write: (text) => (written += text), clear: () => (written = "") });
    await model.input("python manage.py createsuperuser\r");
    await model.input("half-typ\x03");
    expect(model.prompt).toBeNull();
    expect(model.last?.exit_code).toBe(1);
    expect(plain(written).endsWith("Username: half-typ^C\n\nOperation cancelled.\n" + plain(SHELL_PROMPT))).toBe(true);
  });
});
