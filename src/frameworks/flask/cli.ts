/**
 * flask.cli: the `flask` command line → the project's application found, loaded, and one of its
 * commands run inside its application context. Main classes: `FlaskGroup` (the `flask` command:
 * `flask --app flaskr init-db`), `AppGroup` (`app.cli`: commands that run with an app context),
 * `ScriptInfo` (how the application is found); main functions: `with_appcontext`,
 * `locate_app`, `find_best_app`; the built-in commands `routes`, `run` and `shell`.
 *
 *   flask --app flaskr init-db
 *     FlaskGroup.make_context       a ScriptInfo as the context's obj
 *       --app flaskr (eager)        → info.app_import_path = "flaskr"
 *     resolve_command("init-db")    not built in → info.load_app():
 *       locate_app("flaskr")          import the module, then find_best_app: `app` or
 *                                     `application`, the only Flask instance, or `create_app()`
 *       app.app_context() pushed      for as long as the command runs (ctx.with_resource)
 *       app.cli.get_command           the command the project added (`app.cli.add_command`)
 *     invoke                        its callback — `init_db()`, `click.echo("Initialized the database.")`
 *
 * Without `--app`, Flask looks for `wsgi.py`, then `app.py`. The page has no environment
 * variables and no `.env` files: `FLASK_APP` is never set, and `-e/--env-file` says python-dotenv
 * is not installed, as Flask does without it.
 */
import * as click from "../click";
import { Context, Group, type Command } from "../click/core";
import { TypeError } from "../python/builtins";
import { wraps } from "../python/functools";
import { import_module, ModuleNotFoundError, type Module } from "../python/importlib";
import { InteractiveConsole } from "../python/code";
import { format_exception } from "../python/code";
import { _cv_app, current_app } from "./globals";
import { Flask } from "./app";

/** `NoAppException`: the application could not be found or loaded (a usage error: status 2). */
export class NoAppException extends click.UsageError {}

/**
 * `find_best_app(module)`: the module's `app` or `application`; else its only Flask instance;
 * else what its `create_app()` or `make_app()` factory returns when called without arguments.
 */
export function find_best_app(module: Module, module_name: string): Flask {
  for (const attr_name of ["app", "application"]) if (module[attr_name] instanceof Flask) return module[attr_name] as Flask;
  const matches = Object.values(module).filter((v): v is Flask => v instanceof Flask);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new NoAppException(`Detected multiple Flask applications in module '${module_name}'. Use '${module_name}:name' to specify the correct one.`);
  for (const attr_name of ["create_app", "make_app"]) {
    const app_factory = module[attr_name];
    if (typeof app_factory !== "function") continue;
    const app = app_factory();
    if (app instanceof Flask) return app;
  }
  throw new NoAppException(`Failed to find Flask application or factory in module '${module_name}'. Use '${module_name}:name' to specify one.`);
}

/**
 * `find_app_by_string(module, app_name)`: `name` (an attribute) or `name()` (a factory called
 * without arguments; the page does not evaluate argument lists).
 */
export function find_app_by_string(module: Module, module_name: string, app_name: string): Flask {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\(\))?$/.exec(app_name.trim());
  if (!match) throw new NoAppException(`Failed to parse '${app_name}' as an attribute name or function call.`);
  const [, name, call] = match;
  if (!(name in module)) throw new NoAppException(`Failed to find attribute '${name}' in '${module_name}'.`);
  let app = module[name];
  if (call || (typeof app === "function" && !(app instanceof Flask))) {
    if (typeof app !== "function") throw new NoAppException(`The factory '${app_name}' in module '${module_name}' could not be called with the specified arguments.`);
    app = app();
  }
  if (app instanceof Flask) return app;
  throw new NoAppException(`A valid Flask application was not obtained from '${module_name}:${app_name}'.`);
}

/** `prepare_import(path)`: `flaskr`, `flaskr/__init__.py` or `app.py` → the module name to import. */
export function prepare_import(path: string): string {
  let name = path.replace(/\.py$/, "").replace(/^\.\//, "");
  if (name.endsWith("/__init__")) name = name.slice(0, -"/__init__".length);
  return name.replace(/\//g, ".");
}

/**
 * `locate_app(module_name, app_name, raise_if_not_found=True)`: import the module and find the
 * application in it. A module that does not exist is `Could not import 'x'.`; an import that
 * fails inside it shows that error.
 */
export function locate_app(module_name: string, app_name: string | null, raise_if_not_found = true): Flask | null {
  let module: Module;
  try {
    module = import_module(module_name);
  } catch (e) {
    if (!(e instanceof ModuleNotFoundError)) throw e;
    // Not found itself (rather than something it imports): the module name is in the message.
    const names_itself = e.message === `No module named '${module_name}'`;
    if (!names_itself) throw new NoAppException(`While importing '${module_name}', an ImportError was raised:\n\n${format_exception(e)}`);
    if (raise_if_not_found) throw new NoAppException(`Could not import '${module_name}'.`);
    return null;
  }
  return app_name === null ? find_best_app(module, module_name) : find_app_by_string(module, module_name, app_name);
}

/**
 * `ScriptInfo(app_import_path=None, create_app=None, set_debug_flag=True)`: what the `flask`
 * command knows about the application — the `--app` value — and the application once loaded.
 */
export class ScriptInfo {
  app_import_path: string | null;
  create_app: (() => Flask) | null;
  data: Record<string, unknown> = {};
  set_debug_flag: boolean;
  _loaded_app: Flask | null = null;

  constructor(options: { app_import_path?: string | null; create_app?: (() => Flask) | null; set_debug_flag?: boolean } = {}) {
    this.app_import_path = options.app_import_path ?? null;
    this.create_app = options.create_app ?? null;
    this.set_debug_flag = options.set_debug_flag ?? true;
  }

  /** `load_app()`: the application, loaded once: from `create_app`, `--app`, or `wsgi.py` / `app.py`. */
  load_app(): Flask {
    if (this._loaded_app !== null) return this._loaded_app;
    let app: Flask | null = null;
    if (this.create_app !== null) app = this.create_app();
    else if (this.app_import_path) {
      const [path, name = null] = split_import_path(this.app_import_path);
      app = locate_app(prepare_import(path), name);
    } else {
      for (const path of ["wsgi.py", "app.py"]) {
        app = locate_app(prepare_import(path), null, false);
        if (app !== null) break;
      }
    }
    if (app === null) throw new NoAppException("Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.");
    this._loaded_app = app;
    return app;
  }
}

/** `"module:name"` → [module, name]; a colon before a path separator (a Windows drive) does not split. */
function split_import_path(value: string): [string, string?] {
  const at = value.search(/:(?![\\/])/);
  return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}

/** `pass_script_info`: the callback receives the ScriptInfo first. */
export const pass_script_info = click.make_pass_decorator(ScriptInfo, true);

/**
 * `with_appcontext(f)`: the callback runs inside the application's context — the one already
 * pushed, or the ScriptInfo's application's, pushed until the command's context closes.
 */
export function with_appcontext<F extends Function>(f: F): F {
  const decorator = click.pass_context(function (ctx: Context, ...args: unknown[]) {
    if (_cv_app.get(null) === null) {
      const app = ctx.ensure_object(ScriptInfo).load_app();
      ctx.with_resource(app.app_context());
    }
    return ctx.invoke(f, ...args);
  });
  return wraps<F>(f)(decorator as unknown as F);
}

/**
 * `AppGroup`: a click Group whose `command()` wraps each callback in `with_appcontext` (unless
 * `{ with_appcontext: false }`) and whose `group()` makes AppGroups — `app.cli` and
 * `blueprint.cli` are AppGroups.
 */
export class AppGroup extends Group {
  override command(...args: unknown[]): any {
    if (typeof args[0] === "function") return this.command()(args[0]);
    const last = args[args.length - 1];
    const kwargs = last !== null && typeof last === "object" ? { ...(last as Record<string, unknown>) } : null;
    const wrap_for_ctx = kwargs?.with_appcontext ?? true;
    if (kwargs) {
      delete kwargs.with_appcontext;
      args = [...args.slice(0, -1), kwargs];
    }
    return (f: Function) => super.command(...args)(wrap_for_ctx ? with_appcontext(f) : f);
  }

  override group(...args: unknown[]): any {
    if (typeof args[0] === "function") return this.group()(args[0]);
    const [name, attrs] = typeof args[0] === "string" || args[0] === null || args[0] === undefined ? [args[0] ?? null, (args[1] as Record<string, unknown>) ?? {}] : [null, args[0] as Record<string, unknown>];
    return super.group(name, { cls: AppGroup, ...attrs });
  }
}

/** `-A/--app IMPORT`: read before anything else, into the ScriptInfo. */
function _set_app(ctx: Context, _param: click.Parameter, value: unknown): unknown {
  if (value === null) return null;
  ctx.ensure_object(ScriptInfo).app_import_path = value as string;
  return value;
}

export const _app_option = new click.Option(["-A", "--app"], {
  metavar: "IMPORT",
  help: "The Flask application or factory function to load, in the form 'module:name'. Module can be a dotted import or file path. Name is not required if it is 'app', 'application', 'create_app', or 'make_app', and can be 'name(args)' to pass arguments.",
  is_eager: true,
  expose_value: false,
  callback: _set_app,
});

export const _debug_option = new click.Option(["--debug/--no-debug"], { help: "Set debug mode.", expose_value: false });

/** `-e/--env-file FILE`: python-dotenv is not installed here, so a file given is an error, as in Flask without it. */
function _env_file_callback(ctx: Context, param: click.Parameter, value: unknown): unknown {
  if (value !== null) throw new click.BadParameter("python-dotenv must be installed to load an env file.", { ctx, param });
  return value;
}

export const _env_file_option = new click.Option(["-e", "--env-file"], {
  type: new click.Path({ exists: true, dir_okay: false }),
  help: "Load environment variables from this file, taking precedence over those set by '.env' and '.flaskenv'. Variables set directly in the environment take highest precedence. python-dotenv must be installed.",
  is_eager: true,
  expose_value: false,
  callback: _env_file_callback,
});

/** The versions `flask --version` reports: the Flask this lab re-implements. */
export const VERSIONS = { python: "3.11.7", flask: "3.1.3", werkzeug: "3.1.3" };

function get_version(ctx: Context, _param: click.Parameter, value: unknown): void {
  if (!value || ctx.resilient_parsing) return;
  click.echo(`Python ${VERSIONS.python}\nFlask ${VERSIONS.flask}\nWerkzeug ${VERSIONS.werkzeug}`, { color: ctx.color });
  ctx.exit();
}

export const version_option = new click.Option(["--version"], { help: "Show the Flask version.", expose_value: false, callback: get_version, is_flag: true, is_eager: true });

/**
 * `FlaskGroup(add_default_commands=True, create_app=None, add_version_option=True, …)`: the
 * `flask` command. Its own commands are `routes`, `run` and `shell`; any other name is looked up
 * in the loaded application's `app.cli`, with the application's context pushed.
 */
export class FlaskGroup extends AppGroup {
  create_app: (() => Flask) | null;
  set_debug_flag: boolean;

  constructor(options: { add_default_commands?: boolean; create_app?: (() => Flask) | null; add_version_option?: boolean; set_debug_flag?: boolean; name?: string | null } & click.GroupOptions = {}) {
    const { add_default_commands = true, create_app = null, add_version_option = true, set_debug_flag = true, name = null, ...extra } = options;
    const params = [...(extra.params ?? []), _env_file_option, _app_option, _debug_option];
    if (add_version_option) params.push(version_option);
    super(name, { ...extra, params });
    this.create_app = create_app;
    this.set_debug_flag = set_debug_flag;
    if (add_default_commands) {
      this.add_command(run_command);
      this.add_command(shell_command);
      this.add_command(routes_command);
    }
  }

  /** A built-in command, or the application's (its context pushed first); an app that cannot load is reported, then `No such command`. */
  override get_command(ctx: Context, name: string): Command | null {
    const rv = super.get_command(ctx, name);
    if (rv !== null) return rv;
    const info = ctx.ensure_object(ScriptInfo);
    let app: Flask;
    try {
      app = info.load_app();
    } catch (e) {
      if (!(e instanceof NoAppException)) throw e;
      click.secho(`Error: ${e.format_message()}\n`, { err: true, fg: "red" });
      return null;
    }
    if (_cv_app.get(null)?.app !== app) ctx.with_resource(app.app_context());
    return app.cli.get_command(ctx, name);
  }

  /** The built-in commands and the application's, sorted (for `--help`). */
  override list_commands(ctx: Context): string[] {
    const rv = new Set(super.list_commands(ctx));
    const info = ctx.ensure_object(ScriptInfo);
    try {
      for (const name of info.load_app().cli.list_commands(ctx)) rv.add(name);
    } catch (e) {
      if (e instanceof NoAppException) click.secho(`Error: ${e.format_message()}\n`, { err: true, fg: "red" });
      else click.secho(`${format_exception(e)}\n`, { err: true, fg: "red" });
    }
    return [...rv].sort();
  }

  /** A ScriptInfo as the context's object, unless one is given. */
  override make_context(info_name: string | null, args: string[], parent: Context | null = null, extra: click.ContextSettings = {}): Context {
    if (!("obj" in extra) && !("obj" in this.context_settings)) extra = { ...extra, obj: new ScriptInfo({ create_app: this.create_app, set_debug_flag: this.set_debug_flag }) };
    return super.make_context(info_name, args, parent, extra);
  }

  /** `flask` or `flask --help` alone: `--app` is still read first, so the help can list the app's commands. */
  override parse_args(ctx: Context, args: string[]): string[] {
    if ((!args.length && this.no_args_is_help) || (args.length === 1 && this.get_help_option_names(ctx).includes(args[0]))) {
      _env_file_option.handle_parse_result(ctx, new Map(), []);
      _app_option.handle_parse_result(ctx, new Map(), []);
    }
    return super.parse_args(ctx, args);
  }
}

/**
 * `flask routes`: the URL map as a table — endpoint, methods (without HEAD and OPTIONS unless
 * `--all-methods`), the subdomain or host when any rule has one, and the rule — sorted by
 * endpoint, or `--sort methods|domain|rule`, or `match` (the order Flask tries them).
 */
function routes({ sort, all_methods }: { sort: string; all_methods: boolean }): void {
  const rules = current_app.url_map.iter_rules();
  if (!rules.length) {
    click.echo("No routes were registered.");
    return;
  }
  const ignored_methods = new Set(all_methods ? [] : ["HEAD", "OPTIONS"]);
  const host_matching = current_app.url_map.host_matching;
  const domain_of = (rule: (typeof rules)[number]) => (host_matching ? rule.host : rule.subdomain) ?? "";
  const has_domain = rules.some((rule) => domain_of(rule));
  const rows = rules.map((rule) => {
    const methods = [...(rule.methods ?? [])].filter((m) => !ignored_methods.has(m)).sort();
    const row = [String(rule.endpoint), methods.join(", ")];
    if (has_domain) row.push(domain_of(rule));
    row.push(rule.rule);
    return row;
  });
  const headers = ["Endpoint", "Methods"];
  const sorts = ["endpoint", "methods"];
  if (has_domain) {
    headers.push(host_matching ? "Host" : "Subdomain");
    sorts.push("domain");
  }
  headers.push("Rule");
  sorts.push("rule");
  const column = sorts.indexOf(sort);
  // "match" is no column: the rules stay in the order the map tries them.
  if (column >= 0) rows.sort((a, b) => (a[column] < b[column] ? -1 : a[column] > b[column] ? 1 : 0));
  rows.unshift(headers);
  const widths = headers.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  rows.splice(1, 0, widths.map((w) => "-".repeat(w)));
  for (const row of rows) click.echo(row.map((cell, i) => cell.padEnd(widths[i])).join("  "));
}

export const routes_command = click.command("routes", { short_help: "Show the routes for the app." })(
  click.option("--sort", "-s", {
    type: new click.Choice(["endpoint", "methods", "domain", "rule", "match"]),
    default: "endpoint",
    help: "Method to sort routes by. 'match' is the order that Flask will match routes when dispatching a request.",
  })(
    click.option("--all-methods", { is_flag: true, help: "Show HEAD and OPTIONS methods." })(
      with_appcontext(function routes_command(options: { sort: string; all_methods: boolean }) {
        "Show all registered routes with endpoints and methods.";
        routes(options);
      }),
    ),
  ),
);

/**
 * `flask run`: in Flask, Werkzeug's development server. In Framework Lab the page is that server —
 * every request of the Browser pane goes through the simulated gateway to the application — so
 * the command loads the application, prints Flask's banner and says so, instead of serving forever.
 */
export const run_command = click.command("run", { short_help: "Run a development server." })(
  _debug_option_for_run(
    click.option("--host", "-h", { default: "127.0.0.1", help: "The interface to bind to." })(
      click.option("--port", "-p", { default: 5000, help: "The port to bind to." })(
        pass_script_info(function run_command(info: ScriptInfo, { host, port }: { host: string; port: number }) {
          // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the docstring (ADR 0036)
          `Run a local development server.

          This server is for development purposes only. It does not provide
          the stability, security, or performance of production WSGI servers.

          The reloader and debugger are enabled by default with the '--debug'
          option.
          `;
          const app = info.load_app();
          if (info.app_import_path !== null) click.echo(` * Serving Flask app '${info.app_import_path}'`);
          click.echo(` * Debug mode: ${app.debug ? "on" : "off"}`);
          click.echo(` * Running on http://${host}:${port}`);
          click.echo("Framework Lab: the page is the server — send requests from the Browser pane; they reach this application through the simulated WSGI gateway.");
        }),
      ),
    ),
  ),
);

/** `run_command.params.insert(0, _debug_option)`: `flask run --debug` as well as `flask --debug run`. */
function _debug_option_for_run<F extends Function>(f: F): F {
  (f as unknown as Record<string, unknown>)["__click_params__"] = [...(((f as unknown as Record<string, unknown>)["__click_params__"] as unknown[]) ?? []), _debug_option];
  return f;
}

/**
 * `flask shell`: an interactive shell with the application's context pushed and its shell context
 * (`app`, `g`, and what `@app.shell_context_processor` functions add) in the namespace. The page's
 * shell reads TypeScript (ADR 0023).
 */
export const shell_command = click.command("shell", { short_help: "Run a shell in the app context." })(
  with_appcontext(async function shell_command() {
    // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the docstring (ADR 0036)
    `Run an interactive Python shell in the context of a given
    Flask application.  The application will populate the default
    namespace of this shell according to its configuration.

    This is useful for executing small snippets of management code
    without having to manually configure the application.
    `;
    const app = current_app._get_current_object() as Flask;
    const banner = `Framework Lab shell: TypeScript, in the application's context.\nApp: ${app.import_name}\nInstance: ${app.instance_path}`;
    await new InteractiveConsole(app.make_shell_context()).interact(banner);
  }),
);

/** `cli`: the `flask` command itself. */
export const cli = new FlaskGroup({
  name: "flask",
  help: "A general utility script for Flask applications.\n\nAn application to load must be given with the '--app' option,\n'FLASK_APP' environment variable, or with a 'wsgi.py' or 'app.py' file\nin the current directory.\n",
});

/** `main()`: run the `flask` command on the process's argv. */
export function main(argv: string[] | null = null): Promise<unknown> {
  if (argv !== null && !Array.isArray(argv)) throw new TypeError("argv must be a list of words");
  return cli.main(argv, { prog_name: "flask" });
}
