/**
 * The framework-mode contract: what a mode (raw WSGI, Django, Flask, FastAPI, Channels) tells the
 * rest of the product about itself, split in two so that each side imports only what it may.
 *
 *   ModeDescriptor (descriptor.ts, pure data) → the scenario parser (which `entry` fields a
 *     scenario must give), the page (which panels make sense, the file to open first, the template
 *     language of `.html` files) and the docs. It imports nothing but types, so the page's bundle
 *     never pulls a framework in.
 *   ModeBoot (boot.ts, code) → the runtime, headless and in the worker alike: the framework
 *     packages user code may import, how a project's entry becomes the application the gateway
 *     serves, and how the framework forgets a project completely.
 *
 * Adding a mode is a folder `src/modes/<id>/` with those two files, plus one line in
 * `descriptors.ts` and one in `index.ts` (docs/adr/0011-framework-modes.md).
 */
import type { Json, SpanKind } from "../trace/span";
import type { ASGIApplication } from "../gateway/asgi-types";
import type { WSGIApplication } from "../gateway/wsgi";
import type { DatabaseDriver } from "../frameworks/django/db/backends/driver";
import type { ClassAnatomy } from "../frameworks/python/inspect";

/** One field of a scenario's `entry`: a dotted path into the project (`"project.settings"`, `"app.app"`). */
export interface EntryField {
  name: string;
  /** Shown in the scenario parser's error messages: `must be a dotted path like "app.app"`. */
  example: string;
  /** What the path names, for the docs (`"the settings module"`). */
  describes: string;
}

export interface ModeDescriptor {
  /** The scenario's `framework` and its `entry.kind`: "wsgi", "django", "flask", … */
  id: string;
  /** As the gallery and the docs name it: "Django", "Raw WSGI". */
  title: string;
  /** The protocol between the simulated web server and the application. */
  gateway: "wsgi" | "asgi";
  /** The dotted paths a scenario's `entry` gives, besides `kind`. */
  entry: readonly EntryField[];
  /** The span kinds this mode's traces contain (the Flow and Timeline legends, the docs). */
  span_kinds: readonly SpanKind[];
  /** The trace panels that make sense for this mode, by panel id (src/ui/panels/registry.ts), in tab order. */
  panels: readonly string[];
  /**
   * The file the editor opens first: the first path (in the project's own order) matching one of
   * these, tried in turn. `*` matches within one path segment, `**` across segments.
   */
  first_file: readonly string[];
  /** How the editor highlights and completes `.html` files: Django's template language, Jinja's, or plain HTML. */
  template_language: "django" | "jinja" | "html";
  /** The project's command-line program (Django's manage.py, Flask's `flask`), run by the Terminal and by scripts' `manage` steps; absent: none. */
  command_line?: CommandLine;
}

/**
 * A mode's command-line program as the Terminal presents it: the mode's `manage` runs it with the
 * words after the program (`flask --app flaskr init-db` → `["--app", "flaskr", "init-db"]`).
 */
export interface CommandLine {
  /** How a run is titled in traces: "manage.py", "flask". */
  program: string;
  /** Each way of typing the program at a prompt, as words, the usual one first: ["python", "manage.py"], ["flask"]. */
  invocations: readonly (readonly string[])[];
  /** The first command line to suggest: "python manage.py help", "flask --help". */
  hint: string;
  /** What the Terminal's own `help` says the program does (lines separated by "\n"). */
  help: string;
}

/**
 * A `manage.py` command, as the page's Database panel and the CLI ask for it; `call` runs a
 * project function by dotted path. `manage` is the command line itself (`["sqlmigrate", "blog",
 * "0001"]`), run as `manage.py` runs it — a new process: settings read lazily, `django.setup()`,
 * the command found in the registry — on the loaded files and database. `input` answers its
 * prompts in order; with `interactive`, a prompt with no answer left pauses the command until a
 * `manage_input` gives the next line (`null`: end of input, Ctrl-D) or `manage_interrupt` stops it
 * (Ctrl-C) — the Terminal panel.
 */
export type ManagementCommand =
  | { command: "migrate"; app_label?: string; migration_name?: string }
  | { command: "makemigrations"; app_labels?: string[]; name?: string }
  | { command: "sqlmigrate"; app_label: string; migration_name: string }
  | { command: "showmigrations" }
  | { command: "call"; function: string }
  | { command: "manage"; argv: string[]; input?: string[]; interactive?: boolean }
  | { command: "manage_input"; line: string | null }
  | { command: "manage_interrupt" };

export interface CommandOutput {
  output: string;
  /** New project files (makemigrations, startapp): path → contents. */
  files: Record<string, string>;
}

/** What a paused interactive command asks: `Username (leave blank to use 'admin'): `, `>>> `. */
export interface CommandPrompt {
  text: string;
  /** A password: the terminal does not echo what is typed. */
  secret: boolean;
}

/** What `manage.py` wrote, in order: stdout and stderr kept apart (the CLI prints each to its own stream). */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * A mode's `manage.py` for one command line: runs it as a new process would (the mode resets its
 * framework, reads settings, sets itself up) and hands back what it printed. `io` gives the
 * prompts' answers (`input`, awaited: a line, or null at end of input) and collects the output.
 */
export interface ManageIO {
  write(stream: OutputChunk["stream"], text: string): void;
  input(prompt: CommandPrompt): Promise<string | null>;
  /** Whether a person answers the prompts (the Terminal, or a script's `input` lines): stdin "is a TTY". */
  interactive: boolean;
  /** The exception that ended the process with a traceback (the page marks its line). */
  error?(e: unknown): void;
}

export interface ManageResult {
  exit_code: number;
  /** Files the command created or changed (startapp, makemigrations). */
  files: Record<string, string>;
}

/** One step of SQLite's `EXPLAIN QUERY PLAN` (a tree: `parent` is another step's `id`, 0 for the root). */
export interface PlanStep {
  id: number;
  parent: number;
  detail: string;
}

/** What a mode's boot hands the gateway: a PEP 3333 callable or an ASGI 3 application. */
export type ServedApplication =
  | { interface: "wsgi"; app: WSGIApplication }
  | { interface: "asgi"; app: ASGIApplication };

/** What the runtime gives a mode while it boots a project. */
export interface BootContext {
  /** `importlib.import_module`: a dotted path (`"blog.views"`) → a project or framework module. */
  import_module(path: string): Record<string, unknown>;
  /** The project's files, by path (templates and migrations are read from here). */
  files: Readonly<Record<string, string>>;
}

/** Facts about a loaded application that the page shows before any request (the Flow graph's layers). */
export interface LoadDetails {
  /** The application's layers, outermost first (Django: settings.MIDDLEWARE as the handler loaded it). */
  middleware?: string[];
  [key: string]: Json | undefined;
}

export interface ModeBoot {
  id: string;
  /** Framework packages user code imports by bare name: `"flask"`, `"django/http"` → the module's exports. */
  modules: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * Forget everything any project did to this framework's global state: settings, registries,
   * connected receivers, caches, extensions. Called for every mode before every load, so nothing
   * survives from one project into the next whatever framework each used.
   */
  reset(): void;
  /** Point the framework at the project about to load (its template and migration files). Called for every mode. */
  attach_project?(context: BootContext): void;
  /** The scenario's entry → the application the gateway serves. */
  boot(entry: Readonly<Record<string, string>>, context: BootContext): ServedApplication | Promise<ServedApplication>;
  /** What the page shows of the application before any request. */
  describe?(application: ServedApplication): LoadDetails;

  // --- services the page asks for outside requests (a mode without one answers "not available") ---

  /** Give the framework the project's database (Django's `connection`); null takes it away. Called for every mode. */
  attach_database?(driver: DatabaseDriver | null): void;
  /** SQLite's query plan of a statement this mode's trace recorded, in its own parameter style. */
  explain?(sql: string, params: readonly unknown[]): PlanStep[];
  /** A management command on the loaded project (`manage.py migrate`, scenario setup steps). */
  run_command?(command: ManagementCommand): CommandOutput;
  /**
   * `manage.py <argv>` as a new process on the project (settings, setup, the command registry);
   * afterwards the project is loaded as that process left it, and `boot` is not called again.
   */
  manage?(entry: Readonly<Record<string, string>>, argv: readonly string[], context: BootContext, io: ManageIO): Promise<ManageResult & { application?: ServedApplication }>;
  /** A template source rendered with a captured context by the project's engine (the Templates panel). */
  render_template?(source: string, context: Record<string, unknown>): string;
  /** A class's anatomy by dotted path: bases, MRO, attributes and who defines each (the Class-based view panel). */
  inspect_class?(path: string): ClassAnatomy;
}

/**
 * Where the registry (index.ts) gets the modes' code: every mode imported at once (source.ts), or
 * each evaluated on first use (lazy-source.ts, the built page's worker).
 */
export interface ModeSource {
  /** Every mode's id, in order. */
  ids: readonly string[];
  /** Modes whose code is already evaluated (all of them, for source.ts). */
  preloaded: readonly ModeBoot[];
  /** The mode's code, evaluated now if it was not yet. */
  load(id: string): ModeBoot | null;
  /** The id of the mode that provides an importable module (`"flask"`, `"werkzeug/routing"`), without evaluating it. */
  owner_of(name: string): string | null;
  /** Every importable module name the modes provide. */
  names(): readonly string[];
}
