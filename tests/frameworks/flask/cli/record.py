"""Record what real Flask 3.1.3's `flask` command prints for two projects.

Run: /work/.venv-ref/bin/python tests/frameworks/flask/cli/record.py

The projects: the tutorial's flaskr (tests/learner-flask/projects/flaskr/twin) and commands/twin
(an app.py with its own commands, a group and blueprint commands). Each command line runs in a
fresh copy of the project's folder (init-db writes instance/flaskr.sqlite there) through
click's CliRunner (standalone mode, stdout and stderr apart, not a terminal, help 78 wide as in an 80-column terminal) on
flask.cli.cli with prog_name "flask", as `flask …` in a terminal. cli.test.ts replays them on
the TypeScript projects.
"""
import json
import os
import shutil
import sys
import tempfile

from click.testing import CliRunner

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = {
    "flaskr": os.path.join(HERE, "..", "..", "..", "learner-flask", "projects", "flaskr", "twin"),
    "commands": os.path.join(HERE, "commands", "twin"),
}

CASES = [
    ("flaskr", ["--app", "flaskr", "init-db"]),
    ("flaskr", ["--app", "flaskr", "--help"]),
    ("flaskr", ["--app", "flaskr", "routes"]),
    ("flaskr", ["--app", "flaskr", "routes", "--sort", "rule"]),
    ("flaskr", ["--app", "flaskr", "routes", "-s", "methods"]),
    ("flaskr", ["--app", "flaskr", "routes", "--sort", "match"]),
    ("flaskr", ["--app", "flaskr", "routes", "--all-methods"]),
    ("flaskr", ["--app", "flaskr", "routes", "--sort", "bogus"]),
    ("flaskr", ["--app", "flaskr", "routes", "--help"]),
    ("flaskr", ["--app", "flaskr", "init-db", "--help"]),
    ("flaskr", ["--app", "flaskr", "init-db", "extra"]),
    ("flaskr", ["--app", "flaskr", "nope"]),
    ("flaskr", ["--app", "flaskr", "rout"]),
    ("flaskr", ["--app", "flaskr:create_app", "routes"]),
    ("flaskr", ["--app", "flaskr:nothere", "routes"]),
    ("flaskr", ["--app", "nonexistent", "routes"]),
    ("flaskr", ["-A", "flaskr", "init-db"]),
    ("flaskr", ["--app=flaskr", "init-db"]),
    ("flaskr", ["init-db"]),
    ("flaskr", ["routes"]),
    ("flaskr", ["--help"]),
    ("flaskr", []),
    ("flaskr", ["--app", "flaskr"]),
    ("flaskr", ["--app"]),
    ("flaskr", ["--nope"]),
    ("commands", ["--help"]),
    ("commands", ["routes"]),
    ("commands", ["create-user", "Ada"]),
    ("commands", ["create-user", "--admin", "Ada"]),
    ("commands", ["create-user"]),
    ("commands", ["create-user", "--help"]),
    ("commands", ["user", "--help"]),
    ("commands", ["user", "list"]),
    ("commands", ["user"]),
    ("commands", ["students", "create", "Bo"]),
    ("commands", ["students", "--help"]),
    ("commands", ["hello"]),
    ("commands", ["--app", "app", "hello"]),
    ("commands", ["--app", "app.py", "hello"]),
]


def run(project, argv):
    from flask.cli import cli

    work = tempfile.mkdtemp()
    try:
        folder = os.path.join(work, "project")
        shutil.copytree(PROJECTS[project], folder)
        # The tutorial's create_app makes the instance folder (os.makedirs); the twin leaves that out.
        os.makedirs(os.path.join(folder, "instance"))
        cwd = os.getcwd()
        os.chdir(folder)
        sys.path.insert(0, folder)
        try:
            result = CliRunner().invoke(cli, argv, prog_name="flask", catch_exceptions=False, terminal_width=HELP_WIDTH)
        finally:
            os.chdir(cwd)
            sys.path.remove(folder)
            for name in [m for m in sys.modules if m in ("app", "wsgi", "flaskr", "nonexistent") or m.startswith("flaskr.")]:
                del sys.modules[name]
        return {"project": project, "argv": argv, "stdout": result.stdout, "stderr": result.stderr, "exit_code": result.exit_code}
    finally:
        shutil.rmtree(work)


# In an 80-column terminal click lays help out 78 wide (the terminal's width minus 2); CliRunner
# would force 80, so the recorded pages are made 78 wide as a learner's terminal shows them.
HELP_WIDTH = 78


def main():
    os.environ.pop("FLASK_APP", None)
    cases = [run(project, argv) for project, argv in CASES]
    with open(os.path.join(HERE, "recorded.json"), "w") as f:
        json.dump({"flask": "3.1.3", "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases")


if __name__ == "__main__":
    main()
