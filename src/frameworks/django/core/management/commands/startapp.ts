/**
 * `manage.py startapp <name> [directory]`: an app name → the files of a new app, from Django's app
 * template written in TypeScript (apps, admin, models, tests, views and a migrations folder).
 * Django's TemplateCommand copies the template with the name filled in; here the files are
 * written into the project through python/fs, and the page opens them in the editor. Like Django,
 * it prints nothing when it succeeds, and refuses a name that is not an identifier or that would
 * hide a module that already exists.
 *
 *     startapp("polls")   // polls/apps.ts: export class PollsConfig extends AppConfig { name = "polls"; … }
 */
import { import_module } from "../../../../python/importlib";
// eslint-disable-next-line no-restricted-imports -- python/fs is the frameworks' own module (the project's files), not Node's fs
import { project_files } from "../../../../python/fs";
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";

/** Python modules a project could not shadow (a few of the standard library's). */
const STANDARD_LIBRARY = new Set(["os", "sys", "re", "json", "time", "math", "random", "string", "test", "types", "typing", "io", "abc", "ast", "code", "copy", "csv", "datetime", "decimal", "email", "enum", "functools", "glob", "hashlib", "html", "http", "inspect", "logging", "operator", "pathlib", "pickle", "queue", "secrets", "select", "shutil", "signal", "socket", "sqlite3", "ssl", "struct", "subprocess", "tempfile", "threading", "token", "unittest", "urllib", "uuid", "warnings", "xml", "zipfile"]);

/** Django's app template, in TypeScript: path (under the app folder) → text. */
export function app_template(app_name: string): Record<string, string> {
  const camel = app_name.split("_").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
  return {
    "admin.ts": `import { admin } from "django/contrib";\n\n// Register your models here.\n`,
    "apps.ts": `import { AppConfig } from "django/apps";\n\nexport class ${camel}Config extends AppConfig {\n  default_auto_field = "django.db.models.BigAutoField";\n  name = "${app_name}";\n}\n`,
    "models.ts": `import { models } from "django/db";\n\n// Create your models here.\n`,
    "tests.ts": `// Create your tests here.\n`,
    "views.ts": `import { render } from "django/shortcuts";\n\n// Create your views here.\n`,
  };
}

export class Command extends BaseCommand {
  override help = "Creates a Django app directory structure for the given app name in the current directory or optionally in the given directory.";
  missing_args_message = "You must provide an application name.";
  override requires_system_checks: string[] = [];

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("name", { help: "Name of the application or project." });
    parser.add_argument("directory", { nargs: "?", help: "Optional destination directory" });
    parser.add_argument("--template", { help: "The path or URL to load the template from." });
    parser.add_argument("--extension", "-e", { dest: "extensions", action: "append", default: ["py"], help: 'The file extension(s) to render (default: "py"). Separate multiple extensions with commas, or use -e multiple times.' });
    parser.add_argument("--name", "-n", { dest: "files", action: "append", default: [], help: "The file name(s) to render. Separate multiple file names with commas, or use -n multiple times." });
    parser.add_argument("--exclude", "-x", { action: "append", nargs: "?", const: "", help: "The directory name(s) to exclude, in addition to .git and __pycache__. Can be used multiple times." });
  }

  override handle(options: CommandOptions): void {
    const name = options.name as string;
    const target = (options.directory as string | null) ?? null;
    if (options.template) throw new CommandError("Framework Lab has no app templates to download or copy: startapp writes Django's default app template.");
    this.validate_name(name);
    const files = project_files();
    let top_dir = name;
    if (target === null) {
      if (files.exists(top_dir)) throw new CommandError(`'${top_dir}' already exists`);
    } else {
      top_dir = target.replace(/^\.\/?/, "").replace(/\/$/, "");
      if (top_dir && !files.exists(top_dir)) throw new CommandError(`Destination directory '${top_dir}' does not exist, please create it first.`);
    }
    const prefix = top_dir ? `${top_dir}/` : "";
    for (const [path, text] of Object.entries(app_template(name))) files.write(`${prefix}${path}`, text);
    files.mkdir(`${prefix}migrations`);
  }

  /** Django's `TemplateCommand.validate_name`: an identifier that is not already a module. */
  validate_name(name: string): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new CommandError(`'${name}' is not a valid app name. Please make sure the name is a valid identifier.`);
    let exists = STANDARD_LIBRARY.has(name);
    if (!exists) {
      try {
        import_module(name);
        exists = true;
      } catch {
        exists = false;
      }
    }
    if (exists) throw new CommandError(`'${name}' conflicts with the name of an existing Python module and cannot be used as an app name. Please try another name.`);
  }
}
