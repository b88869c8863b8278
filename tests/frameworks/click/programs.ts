// The programs of record.py, written as a learner writes click in the page: decorators called on
// what they decorate (ADR 0013), parameters arriving as one keyword-arguments object, docstrings
// as a string standing first in the body.
import * as click from "../../../src/frameworks/click";
import { py_str } from "../../../src/frameworks/click/_compat";
import type { Command } from "../../../src/frameworks/click";

export const hello = click.command()(
  click.option("--count", { default: 1, help: "Number of greetings." })(
    click.option("--name", { required: true, help: "The person to greet." })(function hello({ count, name }: { count: number; name: string }) {
      "Simple program that greets NAME for a total of COUNT times.";
      for (let i = 0; i < count; i++) click.echo(`Hello, ${name}!`);
    }),
  ),
);

export const cli = click.group()(
  click.option("--debug/--no-debug", { default: false, help: "Show debugging output." })(
    click.pass_context(function cli(ctx: click.Context, { debug }: { debug: boolean }) {
      // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- a docstring over several lines
      `A database tool.

      It initializes and drops the database. This second paragraph is long enough that click has to
      wrap it over more than one line of the help page.
      `;
      ctx.obj = { DEBUG: debug };
    }),
  ),
);

cli.command()(
  click.pass_context(function initdb(ctx: click.Context) {
    "Initialize the database.";
    click.echo(`Initialized the database (debug=${py_str((ctx.obj as { DEBUG: boolean }).DEBUG)})`);
  }),
);

cli.command("drop-db", { short_help: "Drop it." })(
  click.option("--yes", { is_flag: true, help: "Do not ask." })(function dropdb({ yes }: { yes: boolean }) {
    "Drop the database, every table in it, and everything else.";
    click.echo(yes ? "Dropped" : "Not dropped");
  }),
);

cli.command()(function sync_all_the_things_command() {
  "Synchronise every table of the database with the remote copy, which takes a while when there are many.";
  click.echo("synced");
});

cli.command({ hidden: true })(function secret() {
  click.echo("secret");
});

export const types = click.command()(
  click.option("-n", "--number", { type: click.INT, help: "A whole number." })(
    click.option("--ratio", { type: click.FLOAT, default: 0.5, show_default: true, help: "A ratio." })(
      click.option("--color", { type: new click.Choice(["red", "green"]), default: "red", help: "Pick one." })(
        click.option("--verbose", "-v", { count: true, help: "More output." })(
          click.option("--flag", { type: click.BOOL, help: "A boolean." })(
            click.argument("src", { type: new click.Path() })(
              click.argument("names", { nargs: -1 })(function types({ number, ratio, color, verbose, flag, src, names }: Record<string, unknown>) {
                // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- a docstring over several lines
                `Show what the types made of the words.

                \b
                Lines in this paragraph
                  are kept as written.
                `;
                click.echo(`number=${py_str(number)} ratio=${ratio} color=${color} verbose=${verbose} flag=${py_str(flag)} src=${src} names=${(names as string[]).join(",")}`);
              }),
            ),
          ),
        ),
      ),
    ),
  ),
);

export const errors = click.group()(function errors() {
  "Commands that fail.";
});

errors.command()(function abort() {
  throw new click.Abort();
});

errors.command()(function fail() {
  throw new click.ClickException("Something broke.");
});

errors.command()(
  click.pass_context(function usage(ctx: click.Context) {
    ctx.fail("Not like that.");
  }),
);

errors.command()(function bad() {
  throw new click.BadParameter("must be positive", { param_hint: "'--size'" });
});

errors.command("exit")(
  click.pass_context(function exit_(ctx: click.Context) {
    click.echo("leaving");
    ctx.exit(3);
  }),
);

errors.command()(
  click.argument("name")(
    click.argument("greeting", { required: false })(function greet({ name, greeting }: { name: string; greeting: string | null }) {
      "Greet NAME.";
      click.echo(`${greeting || "Hi"} ${name}`);
    }),
  ),
);

errors.command()(
  click.argument("kind", { type: new click.Choice(["a", "b"]) })(function pick({ kind }: { kind: string }) {
    click.echo(kind);
  }),
);

export const PROGRAMS: Record<string, Command> = { hello, cli, types, errors };
