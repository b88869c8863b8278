/**
 * `manage.py` headless: each command run as a process on the blog-orm project (plus a custom
 * command), its stdout, stderr and exit status compared with what Django 5.2.17's manage.py
 * printed for the same project written in Python (recorded by running /work/.venv-ref on it).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { get_builtin_scenario } from "../../src/scenarios";
import type { Scenario } from "../../src/scenarios/format";
import type { CommandResult } from "../../src/runtime/protocol";

const GREET = `// blog/management/commands/greet.ts — a custom command: manage.py greet <name> [--shout]
import { BaseCommand, CommandError } from "django/core/management/base";
import { Author } from "blog/models";

export class Command extends BaseCommand {
  help = "Greets an author by name.";

  add_arguments(parser) {
    parser.add_argument("name", { help: "The author's name." });
    parser.add_argument("--shout", { action: "store_true", help: "Greet in capitals." });
  }

  handle(options) {
    const author = Author.objects.filter({ name: options.name }).first();
    if (author === null) throw new CommandError(\`No author named '\${options.name}'.\`);
    const greeting = \`Hello, \${author.name}!\`;
    this.stdout.write(this.style.SUCCESS(options.shout ? greeting.toUpperCase() : greeting));
  }
}
`;

function blog_project(): Scenario {
  const scenario = get_builtin_scenario("blog-orm")!;
  return { ...scenario, files: { ...scenario.files, "blog/management/commands/greet.ts": GREET } };
}

const W042 = (model: string) =>
  `blog.${model}: (models.W042) Auto-created primary key used when not defining a primary key type, by default 'django.db.models.AutoField'.\n\tHINT: Configure the DEFAULT_AUTO_FIELD setting or the BlogConfig.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`;
/** What every command that runs the system checks writes to stderr first on this project. */
const WARNINGS = `System check identified some issues:\n\nWARNINGS:\n${W042("Author")}\n${W042("Post")}\n`;

/** Colours off: at a terminal Django styles its output, as here. */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

interface Run {
  stdout: string;
  stderr: string;
  exit_code: number | undefined;
  result: CommandResult;
}

function streams(result: CommandResult): { stdout: string; stderr: string } {
  if (!result.ok) throw new Error(`${result.error.type}: ${result.error.message}`);
  const chunks = result.chunks ?? [];
  return { stdout: chunks.filter((c) => c.stream === "stdout").map((c) => c.text).join(""), stderr: chunks.filter((c) => c.stream === "stderr").map((c) => c.text).join("") };
}

/** `python manage.py <argv>` with stdin not a terminal (like `< /dev/null`), or answering prompts with `lines` at a terminal. */
async function manage(runtime: HeadlessRuntime, argv: string[], lines?: (string | null)[]): Promise<Run> {
  let result = await runtime.command({ command: "manage", argv, interactive: lines !== undefined });
  let { stdout, stderr } = streams(result);
  const queue = [...(lines ?? [])];
  while (result.ok && result.prompt) {
    result = await runtime.command({ command: "manage_input", line: queue.length ? queue.shift()! : null });
    const more = streams(result);
    stdout += more.stdout;
    stderr += more.stderr;
  }
  return { stdout: plain(stdout), stderr: plain(stderr), exit_code: result.ok ? result.exit_code : undefined, result };
}

describe("manage.py on blog-orm, as Django 5.2.17 prints it", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(blog_project());
    expect(loaded.ok).toBe(true);
  });

  it("sqlmigrate blog 0001 prints the migration's SQL in BEGIN/COMMIT, the system checks' warnings on stderr", async () => {
    const run = await manage(runtime, ["sqlmigrate", "blog", "0001"]);
    expect(run.stdout).toBe(
      `BEGIN;
--
-- Create model Author
--
CREATE TABLE "blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL);
--
-- Create model Post
--
CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "published" date NOT NULL, "author_id" integer NOT NULL REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "blog_post_author_id_dd7a8485" ON "blog_post" ("author_id");
COMMIT;
`,
    );
    expect(run.stderr).toBe(WARNINGS);
    expect(run.exit_code).toBe(0);
  });

  it("sqlmigrate with an unknown app or migration is a CommandError: one line on stderr, exit 1", async () => {
    expect(await manage(runtime, ["sqlmigrate", "nope", "0001"])).toMatchObject({ stdout: "", stderr: `${WARNINGS}CommandError: No installed app with label 'nope'.\n`, exit_code: 1 });
    expect(await manage(runtime, ["sqlmigrate", "blog", "0002"])).toMatchObject({ stdout: "", stderr: `${WARNINGS}CommandError: Cannot find a migration matching '0002' from app 'blog'. Is it in INSTALLED_APPS?\n`, exit_code: 1 });
  });

  it("showmigrations lists the applied migration; --plan in order, -v 2 with dependencies", async () => {
    expect(await manage(runtime, ["showmigrations"])).toMatchObject({ stdout: "blog\n [X] 0001_initial\n", stderr: WARNINGS, exit_code: 0 });
    expect((await manage(runtime, ["showmigrations", "--plan"])).stdout).toBe("[X]  blog.0001_initial\n");
    expect((await manage(runtime, ["showmigrations", "-v", "2"])).stdout).toMatch(/^blog\n \[X\] 0001_initial \(applied at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)\n$/);
    expect(await manage(runtime, ["showmigrations", "nope"])).toMatchObject({ stdout: "", stderr: `${WARNINGS}No installed app with label 'nope'.\n`, exit_code: 2 });
  });

  it("check prints the issues and their count on stderr and exits 0 for warnings", async () => {
    expect(await manage(runtime, ["check"])).toMatchObject({ stdout: "", stderr: `${WARNINGS}\nSystem check identified 2 issues (0 silenced).\n`, exit_code: 0 });
  });

  it("sqlmigrate --backwards prints the SQL that unapplies the migration, last operation first", async () => {
    expect(await manage(runtime, ["sqlmigrate", "blog", "0001", "--backwards"])).toMatchObject({
      stdout: 'BEGIN;\n--\n-- Create model Post\n--\nDROP TABLE "blog_post";\n--\n-- Create model Author\n--\nDROP TABLE "blog_author";\nCOMMIT;\n',
      stderr: WARNINGS,
      exit_code: 0,
    });
  });

  it("migrate --plan lists what would run and runs nothing; --check exits 1 when something is unapplied", async () => {
    expect(await manage(runtime, ["migrate", "--plan"])).toMatchObject({ stdout: "Planned operations:\n  No planned migration operations.\n", exit_code: 0 });
    expect(await manage(runtime, ["migrate", "blog", "zero", "--plan"])).toMatchObject({ stdout: "Planned operations:\nblog.0001_initial\n    Undo Create model Author\n    Undo Create model Post\n", exit_code: 0 });
    expect(await manage(runtime, ["migrate", "--check"])).toMatchObject({ stdout: "", exit_code: 0 });
    expect(await manage(runtime, ["migrate", "blog", "zero", "--check"])).toMatchObject({ stdout: "", exit_code: 1 });
    expect(await manage(runtime, ["migrate", "blog", "zero", "--plan", "--check"])).toMatchObject({ stdout: "Planned operations:\nblog.0001_initial\n    Undo Create model Author\n    Undo Create model Post\n", exit_code: 1 });
    // Nothing was unapplied.
    expect((await manage(runtime, ["showmigrations"])).stdout).toBe("blog\n [X] 0001_initial\n");
  });

  it("an unknown command says so and how to get help", async () => {
    expect(await manage(runtime, ["frobnicate"])).toMatchObject({ stdout: "", stderr: "Unknown command: 'frobnicate'\nType 'manage.py help' for usage.\n", exit_code: 1 });
  });

  it("makemigrations with nothing changed, migrate with nothing to apply", async () => {
    expect(await manage(runtime, ["makemigrations"])).toMatchObject({ stdout: "No changes detected\n", exit_code: 0 });
    expect(await manage(runtime, ["makemigrations", "blog"])).toMatchObject({ stdout: "No changes detected in app 'blog'\n", exit_code: 0 });
    expect(await manage(runtime, ["migrate"])).toMatchObject({ stdout: "Operations to perform:\n  Apply all migrations: blog\nRunning migrations:\n  No migrations to apply.\n", exit_code: 0 });
    expect(await manage(runtime, ["migrate", "blog", "0005"])).toMatchObject({ stderr: `${WARNINGS}CommandError: Cannot find a migration matching '0005' from app 'blog'.\n`, exit_code: 1 });
  });

  it("a custom command from blog/management/commands: its arguments, its help, its CommandError, its styled output", async () => {
    expect(await manage(runtime, ["greet", "Ada Lovelace", "--shout"])).toMatchObject({ stdout: "HELLO, ADA LOVELACE!\n", stderr: WARNINGS, exit_code: 0 });
    expect(await manage(runtime, ["greet", "Ada"])).toMatchObject({ stdout: "", stderr: `${WARNINGS}CommandError: No author named 'Ada'.\n`, exit_code: 1 });
    const missing = await manage(runtime, ["greet"]);
    expect(missing.exit_code).toBe(2);
    expect(missing.stderr).toBe(
      "usage: manage.py greet [-h] [--shout] [--version] [-v {0,1,2,3}]\n                       [--settings SETTINGS] [--pythonpath PYTHONPATH]\n                       [--traceback] [--no-color] [--force-color]\n                       [--skip-checks]\n                       name\nmanage.py greet: error: the following arguments are required: name\n",
    );
    const help = await manage(runtime, ["help", "greet"]);
    expect(help.stdout).toBe(REF_HELP_GREET);
    expect((await manage(runtime, ["help"])).stdout).toContain("\n[blog]\n    greet\n");
  });

  it("shell -c runs the code with the models imported; print shows str() and a QuerySet's repr (LIMIT 21 in the SQL)", async () => {
    const run = await manage(runtime, ["shell", "-c", "print(Post.objects.filter({ author__name: 'Ada Lovelace' })); print(Author.objects.first())"]);
    expect(run.stdout).toBe("2 objects imported automatically (use -v 2 for details).\n\n<QuerySet [<Post: Bernoulli numbers, step by step>, <Post: Notes on the Analytical Engine>]>\nAda Lovelace\n");
    expect(run.exit_code).toBe(0);
    const sql = run.result.trace.spans.filter((s) => s.kind === "sql").map((s) => String(s.attrs.sql ?? ""));
    expect(sql.some((q) => q.includes('WHERE "blog_author"."name" = ') && q.endsWith("LIMIT 21"))).toBe(true);
    expect((await manage(runtime, ["shell", "-v", "2", "-c", "1"])).stdout).toBe("2 objects imported automatically:\n\n  from blog.models import Post, Author\n\n");
  });

  it("shell -c with an unknown name: Python's NameError traceback, exit 1", async () => {
    const run = await manage(runtime, ["shell", "-c", "print(zz)"]);
    expect(run.exit_code).toBe(1);
    expect(run.stderr.split("\n").slice(-2)).toEqual(["NameError: name 'zz' is not defined", ""]);
  });

  it("shell at a terminal: expressions show their repr, declarations persist, the QuerySet prints as Django's", async () => {
    const run = await manage(runtime, ["shell"], ['const a = Author.objects.create({ name: "Barbara Liskov" })', "a", "Author.objects.filter({ name__startswith: 'B' })", "Author.objects.count()", "for (const x of [1, 2]) {", "  print(x * 10)", "}", null]);
    expect(run.stdout).toBe(
      "2 objects imported automatically (use -v 2 for details).\n\n" +
        "Framework Lab shell: TypeScript, with Django set up and your models imported.\n" +
        'Type an expression (Post.objects.all()) or a statement (const p = Post.objects.create({ title: "Hi" })); the SQL of each line shows in the trace under the terminal.\n' +
        "Ctrl-D or exit() to leave.\n(InteractiveConsole)\n" +
        ">>> >>> <Author: Barbara Liskov>\n>>> <QuerySet [<Author: Barbara Liskov>]>\n>>> 4\n>>> ... ... 10\n20\n>>> \nnow exiting InteractiveConsole...\n",
    );
    expect(run.exit_code).toBe(0);
  });

  it("dbshell at a terminal runs SQL on the project's database; reading a pipe it prints no banner", async () => {
    const run = await manage(runtime, ["dbshell"], ["SELECT name FROM blog_author", "ORDER BY id LIMIT 2;", ".quit"]);
    expect(run.stdout).toMatch(/^SQLite version 3\.\d+\.\d+\nEnter "\.help" for usage hints\.\nsqlite> {4}\.\.\.> Ada Lovelace\nGrace Hopper\nsqlite> $/);
    expect(await manage(runtime, ["dbshell"])).toMatchObject({ stdout: "", stderr: "", exit_code: 0 });
  });

  it("startapp writes Django's app template into the project; a clash or a bad name is a CommandError", async () => {
    const run = await manage(runtime, ["startapp", "shop"]);
    expect(run).toMatchObject({ stdout: "", stderr: "", exit_code: 0 });
    expect(run.result.ok && Object.keys(run.result.files).sort()).toEqual(["shop/admin.ts", "shop/apps.ts", "shop/models.ts", "shop/tests.ts", "shop/views.ts"]);
    expect(run.result.ok && run.result.files["shop/apps.ts"]).toBe('import { AppConfig } from "django/apps";\n\nexport class ShopConfig extends AppConfig {\n  default_auto_field = "django.db.models.BigAutoField";\n  name = "shop";\n}\n');
    expect(await manage(runtime, ["startapp", "blog"])).toMatchObject({ stderr: "CommandError: 'blog' conflicts with the name of an existing Python module and cannot be used as an app name. Please try another name.\n", exit_code: 1 });
    expect(await manage(runtime, ["startapp", "1x"])).toMatchObject({ stderr: "CommandError: '1x' is not a valid app name. Please make sure the name is a valid identifier.\n", exit_code: 1 });
  });

  it("the process's trace shows django.setup step by step: settings read lazily on first access, apps.populate importing each app and models module, ready()", async () => {
    const run = await manage(runtime, ["check"]);
    const spans = run.result.trace.spans;
    const line = (i: number) => `${spans[i].kind} ${spans[i].name}`;
    const index = (name: string) => spans.findIndex((s) => s.name === name);
    expect(line(0)).toBe("command manage.py check");
    const settings = spans[index("LazySettings._setup")];
    expect(settings.attrs).toMatchObject({ settings_module: "project.settings", first_access: "INSTALLED_APPS" });
    const order = ["LazySettings._setup", "import project.settings", "django.setup", "apps.populate", "AppConfig.create: blog", "import blog.apps", "import models: blog", "import blog.models", "class Author(models.Model)", "class Post(models.Model)", "BlogConfig.ready", "load_command_class: check", "check.execute", "system checks"];
    const positions = order.map(index);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(spans[index("apps.populate")].parent).toBe(index("django.setup"));
  });

  it("runserver explains that the page is the server", async () => {
    const run = await manage(runtime, ["runserver"]);
    expect(run.exit_code).toBe(0);
    expect(run.stdout).toContain("Starting development server at http://127.0.0.1:8000/\nQuit the server with CONTROL-C.\n");
    expect(run.stdout).toContain("this page is the server");
  });
});

describe("manage.py: changing a model, then makemigrations, migrate and the shell", () => {
  it("a new field → 0002 written into the project, applied by migrate, usable in the shell", async () => {
    const runtime = await HeadlessRuntime.create();
    const scenario = blog_project();
    const models = scenario.files["blog/models.ts"].replace("name: new models.CharField({ max_length: 100 }),", 'name: new models.CharField({ max_length: 100 }),\n    bio: new models.TextField({ default: "" }),');
    // The seed would write the new column before it exists: this project only migrates.
    expect((await runtime.load({ ...scenario, setup: [{ command: "migrate" }], files: { ...scenario.files, "blog/models.ts": models } })).ok).toBe(true);
    const made = await manage(runtime, ["makemigrations"]);
    expect(made.stdout).toBe("Migrations for 'blog':\n  blog/migrations/0002_author_bio.ts\n    + Add field bio to author\n");
    expect(made.result.ok && Object.keys(made.result.files)).toEqual(["blog/migrations/0002_author_bio.ts"]);
    // SQLite cannot add a NOT NULL column with a default the way Django wants: the table is remade.
    expect((await manage(runtime, ["sqlmigrate", "blog", "0002"])).stdout).toBe(
      `BEGIN;\n--\n-- Add field bio to author\n--\nCREATE TABLE "new__blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "bio" text NOT NULL, "name" varchar(100) NOT NULL);\nINSERT INTO "new__blog_author" ("id", "name", "bio") SELECT "id", "name", '' FROM "blog_author";\nDROP TABLE "blog_author";\nALTER TABLE "new__blog_author" RENAME TO "blog_author";\nCOMMIT;\n`,
    );
    expect((await manage(runtime, ["migrate"])).stdout).toBe("Operations to perform:\n  Apply all migrations: blog\nRunning migrations:\n  Applying blog.0002_author_bio... OK\n");
    const shell = await manage(runtime, ["shell", "-c", "Author.objects.create({ name: 'Barbara Liskov', bio: 'CLU' }); print(Author.objects.filter({ bio: 'CLU' }))"]);
    expect(shell.stdout).toBe("2 objects imported automatically (use -v 2 for details).\n\n<QuerySet [<Author: Barbara Liskov>]>\n");
    expect((await manage(runtime, ["migrate", "blog", "0001"])).stdout).toBe("Operations to perform:\n  Target specific migration: 0001_initial, from blog\nRunning migrations:\n  Rendering model states... DONE\n  Unapplying blog.0002_author_bio... OK\n");
  });
});

describe("createsuperuser at a terminal (a project with django.contrib.auth)", () => {
  it("prompts for each field, validates it with the model field, checks the password twice", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(get_builtin_scenario("admin-users")!)).ok).toBe(true);
    const run = await manage(runtime, ["createsuperuser"], ["root2", "bad", "ada@example.com", "pw", "px", "pw", "pw"]);
    expect(run.stdout.replace(/^[^]*?Username: /, "Username: ")).toBe("Username: Email address: Email address: Password: Password (again): Password: Password (again): Superuser created successfully.\n");
    expect(run.stderr.split("\n").filter((l) => l.startsWith("Error"))).toEqual(["Error: Enter a valid email address.", "Error: Your passwords didn't match."]);
    expect(run.exit_code).toBe(0);
    const again = await manage(runtime, ["createsuperuser"], ["root2", null]);
    expect(again.stderr.split("\n").filter((l) => l.startsWith("Error"))).toEqual(["Error: That username is already taken."]);
  });

  it("with stdin not a terminal it skips, as Django does", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(get_builtin_scenario("admin-users")!)).ok).toBe(true);
    expect((await manage(runtime, ["createsuperuser"])).stdout).toBe("Superuser creation skipped due to not running in a TTY. You can run `manage.py createsuperuser` in your project to create one manually.\n");
  });
});

const REF_HELP_GREET = `usage: manage.py greet [-h] [--shout] [--version] [-v {0,1,2,3}]
                       [--settings SETTINGS] [--pythonpath PYTHONPATH]
                       [--traceback] [--no-color] [--force-color]
                       [--skip-checks]
                       name

Greets an author by name.

positional arguments:
  name                  The author's name.

options:
  -h, --help            show this help message and exit
  --shout               Greet in capitals.
  --version             Show program's version number and exit.
  -v {0,1,2,3}, --verbosity {0,1,2,3}
                        Verbosity level; 0=minimal output, 1=normal output,
                        2=verbose output, 3=very verbose output
  --settings SETTINGS   The Python path to a settings module, e.g.
                        "myproject.settings.main". If this isn't provided, the
                        DJANGO_SETTINGS_MODULE environment variable will be
                        used.
  --pythonpath PYTHONPATH
                        A directory to add to the Python path, e.g.
                        "/home/djangoprojects/myproject".
  --traceback           Display a full stack trace on CommandError exceptions.
  --no-color            Don't colorize the command output.
  --force-color         Force colorization of the command output.
  --skip-checks         Skip system checks.
`;
