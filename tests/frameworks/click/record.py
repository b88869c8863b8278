"""Record what real click prints for the programs in programs.ts, written here in Python.

Run: /work/.venv-ref/bin/python tests/frameworks/click/record.py

Each program is run as a command line program would be (click's CliRunner: standalone mode,
stdout and stderr apart, not a terminal, help 78 wide as in an 80-column terminal) for every argv in CASES; recorded.json keeps
stdout, stderr and the exit code. click.test.ts runs the same programs, written in TypeScript as
the page's learners write them, and compares.
"""
import json
import os

import click
from click.testing import CliRunner


@click.command()
@click.option("--count", default=1, help="Number of greetings.")
@click.option("--name", required=True, help="The person to greet.")
def hello(count, name):
    """Simple program that greets NAME for a total of COUNT times."""
    for _ in range(count):
        click.echo(f"Hello, {name}!")


@click.group()
@click.option("--debug/--no-debug", default=False, help="Show debugging output.")
@click.pass_context
def cli(ctx, debug):
    """A database tool.

    It initializes and drops the database. This second paragraph is long enough that click has to
    wrap it over more than one line of the help page.
    """
    ctx.obj = {"DEBUG": debug}


@cli.command()
@click.pass_context
def initdb(ctx):
    """Initialize the database."""
    click.echo(f"Initialized the database (debug={ctx.obj['DEBUG']})")


@cli.command("drop-db", short_help="Drop it.")
@click.option("--yes", is_flag=True, help="Do not ask.")
def dropdb(yes):
    """Drop the database, every table in it, and everything else."""
    click.echo("Dropped" if yes else "Not dropped")


@cli.command()
def sync_all_the_things_command():
    """Synchronise every table of the database with the remote copy, which takes a while when there are many."""
    click.echo("synced")


@cli.command(hidden=True)
def secret():
    click.echo("secret")


@click.command()
@click.option("-n", "--number", type=int, help="A whole number.")
@click.option("--ratio", type=float, default=0.5, show_default=True, help="A ratio.")
@click.option("--color", type=click.Choice(["red", "green"]), default="red", help="Pick one.")
@click.option("--verbose", "-v", count=True, help="More output.")
@click.option("--flag", type=bool, help="A boolean.")
@click.argument("src", type=click.Path())
@click.argument("names", nargs=-1)
def types(number, ratio, color, verbose, flag, src, names):
    """Show what the types made of the words.

    \b
    Lines in this paragraph
      are kept as written.
    """
    click.echo(f"number={number} ratio={ratio} color={color} verbose={verbose} flag={flag} src={src} names={','.join(names)}")


@click.group()
def errors():
    """Commands that fail."""


@errors.command()
def abort():
    raise click.Abort()


@errors.command()
def fail():
    raise click.ClickException("Something broke.")


@errors.command()
@click.pass_context
def usage(ctx):
    ctx.fail("Not like that.")


@errors.command()
def bad():
    raise click.BadParameter("must be positive", param_hint="'--size'")


@errors.command("exit")
@click.pass_context
def exit_(ctx):
    click.echo("leaving")
    ctx.exit(3)


@errors.command()
@click.argument("name")
@click.argument("greeting", required=False)
def greet(name, greeting):
    """Greet NAME."""
    click.echo(f"{greeting or 'Hi'} {name}")


@errors.command()
@click.argument("kind", type=click.Choice(["a", "b"]))
def pick(kind):
    click.echo(kind)


PROGRAMS = {"hello": hello, "cli": cli, "types": types, "errors": errors}

CASES = [
    ("hello", ["--help"]),
    ("hello", ["--count", "2", "--name", "Ada"]),
    ("hello", ["--count=3", "--name=Bo"]),
    ("hello", ["--name", "Ada", "--count", "x"]),
    ("hello", []),
    ("hello", ["--nme", "Ada"]),
    ("hello", ["--name"]),
    ("hello", ["--count", "--name", "Ada"]),
    ("hello", ["--name", "Ada", "extra"]),
    ("hello", ["--name", "Ada", "more", "words"]),
    ("hello", ["--name", "Ada", "--help"]),
    ("hello", ["-x"]),
    ("cli", []),
    ("cli", ["--help"]),
    ("cli", ["initdb"]),
    ("cli", ["--debug", "initdb"]),
    ("cli", ["initdb", "--help"]),
    ("cli", ["drop-db", "--help"]),
    ("cli", ["drop-db", "--yes"]),
    ("cli", ["drop-db"]),
    ("cli", ["drop-db", "--yes=1"]),
    ("cli", ["secret"]),
    ("cli", ["sync-all-the-things"]),
    ("cli", ["nope"]),
    ("cli", ["--nope"]),
    ("cli", ["initdb", "--debug"]),
    ("types", ["--help"]),
    ("types", ["in.txt"]),
    ("types", ["-n", "7", "--ratio", "0.25", "--color", "green", "-vvv", "--flag", "yes", "in.txt", "a", "b"]),
    ("types", ["-n7", "in.txt"]),
    ("types", ["--color", "blue", "in.txt"]),
    ("types", ["--number", "seven", "in.txt"]),
    ("types", ["--ratio", "abc", "in.txt"]),
    ("types", ["--flag", "maybe", "in.txt"]),
    ("types", []),
    ("types", ["--", "-n", "x"]),
    ("errors", ["--help"]),
    ("errors", ["abort"]),
    ("errors", ["fail"]),
    ("errors", ["usage"]),
    ("errors", ["bad"]),
    ("errors", ["exit"]),
    ("errors", ["greet"]),
    ("errors", ["greet", "Ada"]),
    ("errors", ["greet", "Ada", "Hello"]),
    ("errors", ["greet", "--help"]),
    ("errors", ["pick"]),
    ("errors", ["pick", "c"]),
    ("errors", ["pick", "--help"]),
]


# In an 80-column terminal click lays help out 78 wide (the terminal's width minus 2); CliRunner
# would force 80, so the recorded pages are made 78 wide as a learner's terminal shows them.
HELP_WIDTH = 78


def main():
    runner = CliRunner()
    out = []
    for program, argv in CASES:
        result = runner.invoke(PROGRAMS[program], argv, prog_name=program, catch_exceptions=False, terminal_width=HELP_WIDTH)
        out.append({"program": program, "argv": argv, "stdout": result.stdout, "stderr": result.stderr, "exit_code": result.exit_code})
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "recorded.json"), "w") as f:
        json.dump({"click": __import__("importlib.metadata").metadata.version("click"), "cases": out}, f, indent=1)
        f.write("\n")
    print(f"{len(out)} cases")


if __name__ == "__main__":
    main()
