"""Record what Django 5.2.17's `manage.py test` prints for the test projects.

Run: /work/.venv-ref/bin/python tests/frameworks/django/test/record.py

Each folder under projects/ holds the Python project (twin/: manage.py, settings.py, the apps and
their tests.py), the same project as the lab runs it (site/, TypeScript), and commands.json, the
`manage.py` command lines to run. For each command line this script runs `python manage.py ...`
in twin/ as a process and writes recorded.json: its stdout, stderr and exit status. CI replays that
file without Python (manage-test.test.ts).

Two things are normalised here, because they differ between any two runs: the duration in
"Ran N tests in X.XXXs" becomes 0.000s, and absolute paths lose the folder they start with (the
twin's own files become "polls/tests.py", Django's "<django>/db/models/query.py", Python's
"<python>/unittest/loader.py").
"""
import json
import os
import re
import subprocess
import sys
import sysconfig

import django

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")
DJANGO_DIR = os.path.dirname(os.path.abspath(django.__file__))
STDLIB_DIR = sysconfig.get_paths()["stdlib"]


def normalise(text, twin):
    text = re.sub(r"Ran (\d+) tests? in \d+\.\d{3}s", lambda m: m.group(0)[: m.group(0).rindex(" in ")] + " in 0.000s", text)
    text = text.replace(twin + os.sep, "")
    text = text.replace(DJANGO_DIR, "<django>")
    text = text.replace(STDLIB_DIR, "<python>")
    return text


def record(project):
    folder = os.path.join(PROJECTS, project)
    twin = os.path.join(folder, "twin")
    commands = json.load(open(os.path.join(folder, "commands.json")))
    runs = []
    for argv in commands:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, "manage.py", *argv], cwd=twin, capture_output=True, text=True, env=env)
        runs.append({"argv": argv, "stdout": normalise(done.stdout, twin), "stderr": normalise(done.stderr, twin), "exit_code": done.returncode})
        print(f"{project}: manage.py {' '.join(argv)} -> exit {done.returncode}")
    with open(os.path.join(folder, "recorded.json"), "w") as out:
        json.dump({"django": django.get_version(), "python": sys.version.split()[0], "runs": runs}, out, indent=2)
        out.write("\n")


if __name__ == "__main__":
    for name in sorted(os.listdir(PROJECTS)):
        if os.path.isdir(os.path.join(PROJECTS, name)):
            record(name)
