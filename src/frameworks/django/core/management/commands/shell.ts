/**
 * `manage.py shell`: an interactive interpreter with the project set up and its models imported
 * (Django 5.2's automatic imports): `Post.objects.all()` prints `<QuerySet [<Post: Hello>]>`.
 * Django starts Python's `code.interact`; here the console reads TypeScript (python/code.ts),
 * each line evaluated in one namespace, each query's SQL in the trace. `-c "…"` runs one command
 * and exits.
 */
import { apps } from "../../../apps/registry";
import { AppRegistryNotReady } from "../../exceptions";
import { InteractiveConsole, exec } from "../../../../python/code";
import { EOFError, input, stdin } from "../../../../python/sys";
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";

export class Command extends BaseCommand {
  override help = "Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of them is available. Any standard input is executed as code.";
  override requires_system_checks: string[] = [];
  shells = ["ipython", "bpython", "python"];

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("--no-startup", { action: "store_true", help: "When using plain Python, ignore the PYTHONSTARTUP environment variable and ~/.pythonrc.py script." });
    parser.add_argument("--no-imports", { action: "store_true", help: "Disable automatic imports of models." });
    parser.add_argument("-i", "--interface", { choices: this.shells, help: 'Specify an interactive interpreter interface. Available options: "ipython", "bpython", and "python"' });
    parser.add_argument("-c", "--command", { help: "Instead of opening an interactive shell, run a command as Django and exit." });
  }

  /** Import paths of the models to import automatically, earlier apps winning a name clash. */
  get_auto_imports(): string[] {
    return [...apps.get_models()].reverse().flatMap((model: any) => (model.__module__ ? [`${model.__module__}.${model.name}`] : []));
  }

  /** The shell's starting namespace: every model by its class name, announced as Django 5.2 does. */
  get_namespace(options: CommandOptions): Record<string, unknown> {
    if (options.no_imports) return {};
    const verbosity = (options.verbosity as number | undefined) ?? 0;
    try {
      apps.check_models_ready();
    } catch (e) {
      if (!(e instanceof AppRegistryNotReady)) throw e;
      return {};
    }
    const by_module = new Map<string, [string, unknown][]>();
    const namespace: Record<string, unknown> = {};
    for (const model of [...apps.get_models()].reverse() as any[]) {
      const module = String(model.__module__ ?? "");
      if (!module) continue;
      by_module.set(module, [...(by_module.get(module) ?? []).filter(([n]) => n !== model.name), [model.name, model]]);
    }
    for (const items of by_module.values()) for (const [name, obj] of items) namespace[name] = obj;
    if (verbosity < 1) return namespace;
    const amount = Object.keys(namespace).length;
    let msg = `${amount} ${amount === 1 ? "object" : "objects"} imported automatically`;
    if (verbosity < 2) {
      if (amount) msg += " (use -v 2 for details)";
      this.stdout.write(`${msg}.`, this.style.SUCCESS, "\n\n");
      return namespace;
    }
    const lines = [...by_module].map(([module, items]) => `  from ${module} import ${items.map(([n]) => n).join(", ")}`);
    this.stdout.write(lines.length ? `${msg}:\n\n${lines.join("\n")}` : `${msg}.`, this.style.SUCCESS, "\n\n");
    return namespace;
  }

  override async handle(options: CommandOptions): Promise<void> {
    if (options.interface && options.interface !== "python") throw new CommandError(`Couldn't import ${options.interface} interface.`);
    // `-c "…"`: run it as one program with the project's models in scope, and exit.
    if (options.command) {
      exec(String(options.command), this.get_namespace(options));
      return;
    }
    // Standard input that is not a terminal is a program too: read to its end, then run it.
    if (!stdin.isatty()) {
      const lines: string[] = [];
      for (;;) {
        try {
          lines.push(await input());
        } catch (e) {
          if (e instanceof EOFError) break;
          throw e;
        }
      }
      exec(lines.join("\n"), this.get_namespace(options));
      return;
    }
    return this.python(options);
  }

  /** The plain Python shell: `code.interact` with the namespace, in TypeScript here. */
  async python(options: CommandOptions): Promise<void> {
    const console = new InteractiveConsole(this.get_namespace(options));
    await console.interact(
      "Framework Lab shell: TypeScript, with Django set up and your models imported.\n" +
        'Type an expression (Post.objects.all()) or a statement (const p = Post.objects.create({ title: "Hi" })); the SQL of each line shows in the trace under the terminal.\n' +
        "Ctrl-D or exit() to leave.\n(InteractiveConsole)",
    );
  }
}
