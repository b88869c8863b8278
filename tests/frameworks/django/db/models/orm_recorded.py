"""
Differential recorder for the ORM: random but meaningful QuerySet chains over the conformance
corpus' schemas and seed → what real Django answers, written in the corpus' own case format
(FORMAT.md part B §3), so that orm_recorded.test.ts replays them against our ORM.

Each case is one chain of ops (filter/exclude with a lookup over a field or a relation path, Q
objects, F arithmetic, order_by, values, annotate, aggregate, select_related/prefetch_related,
slicing, get/first/last/exists/count/in_bulk, writes, and the errors Django raises for all of
them) run on a freshly seeded in-memory SQLite database. The expectation is recorded as the corpus
records it: the result by kind, `ordered`, the number of queries, the SQL (for reference), the
tables a write changed (`after`), or the error's class name and message.

Run with the reference venv (real Django 5.2):

    /work/.venv-ref/bin/python tests/frameworks/django/db/models/orm_recorded.py \
        --count 400 --seed 1 --out tests/frameworks/django/db/models/orm_recorded.json

The generator is deterministic for a given --seed; `--count 3000 --out /tmp/orm-diff.json` makes a
larger differential run (`npm run conformance -- --cases /tmp/orm-diff-dir --area orm`).
"""

import argparse
import datetime
import decimal
import json
import random
import re
import sqlite3
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[4].parent / "shared" / "conformance" / "orm.json"
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


# --- Django, configured as the corpus was recorded (FORMAT.md part B §1.2) ---------------------

def setup_django(app_labels):
    """Configure settings and install one (module-less) app per schema."""
    import django
    from django.conf import settings

    for label in app_labels:
        module = types.ModuleType(label)
        module.__file__ = str(HERE / label / "__init__.py")
        module.__path__ = [str(HERE / label)]
        sys.modules[label] = module
    settings.configure(
        DEBUG=False,
        USE_TZ=True,
        TIME_ZONE="UTC",
        LANGUAGE_CODE="en-us",
        USE_I18N=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        INSTALLED_APPS=list(app_labels),
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    )
    django.setup()


# --- schemas → model classes (FORMAT.md §3.1) ------------------------------------------------------

def decode_marker(value):
    """A marker object (§1.1) → the Python value it stands for; anything else unchanged."""
    if isinstance(value, dict) and len(value) == 1:
        (key, text), = value.items()
        if key == "__date__":
            return datetime.date.fromisoformat(text)
        if key == "__datetime__":
            return datetime.datetime.fromisoformat(text)
        if key == "__time__":
            return datetime.time.fromisoformat(text)
        if key == "__decimal__":
            return decimal.Decimal(text)
        if key == "__float__":
            return float(text)
    return value


def build_field(spec):
    from django.db import models

    options = dict(spec["options"])
    cls = getattr(models, spec["type"])
    if "default" in options:
        options["default"] = decode_marker(options["default"])
    if "choices" in options:
        options["choices"] = [tuple(pair) for pair in options["choices"]]
    if "on_delete" in options:
        options["on_delete"] = getattr(models, options["on_delete"])
    if "to" in options:
        return cls(options.pop("to"), **options)
    return cls(**options)


def build_meta(app_label, meta):
    from django.db import models

    attrs = {"app_label": app_label}
    for key, value in (meta or {}).items():
        if key == "constraints":
            attrs[key] = [
                models.UniqueConstraint(fields=c["fields"], name=c["name"]) if c["type"] == "UniqueConstraint"
                else models.CheckConstraint(condition=models.Q(**c["condition"]["$Q"]), name=c["name"])
                for c in value
            ]
        elif key == "indexes":
            attrs[key] = [models.Index(fields=i["fields"], name=i["name"]) for i in value]
        elif key == "unique_together":
            attrs[key] = [tuple(group) for group in value]
        else:
            attrs[key] = value
    return type("Meta", (), attrs)


def build_models(schema):
    """The schema's model classes, by name (through models included, as `Book_tags`)."""
    from django.db import models

    built = {}
    for spec in schema["models"]:
        attrs = {"__module__": f"{schema['app_label']}.models", "Meta": build_meta(schema["app_label"], spec.get("meta"))}
        for field in spec["fields"]:
            attrs[field["name"]] = build_field(field)
        if spec.get("str"):
            attrs["__str__"] = (lambda name: lambda self: str(getattr(self, name)))(spec["str"])
        built[spec["name"]] = type(spec["name"], (models.Model,), attrs)
    for model in list(built.values()):
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            built[through.__name__] = through
    return built


def create_tables(app_label):
    """The app's tables as `migrate` makes them from the initial migration `makemigrations` writes
    (as the corpus was recorded): relations are added after the other columns, so a
    ForeignKey's column comes last and SQLite names it last in a NOT NULL error."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.graph import MigrationGraph
    from django.db.migrations.questioner import MigrationQuestioner
    from django.db.migrations.state import ProjectState

    questioner = MigrationQuestioner(specified_apps={app_label})  # "makemigrations library"
    changes = MigrationAutodetector(ProjectState(), ProjectState.from_apps(apps), questioner).changes(graph=MigrationGraph())
    state = ProjectState()
    with connection.schema_editor() as editor:
        for migration in changes.get(app_label, []):
            state = migration.apply(state, editor)


def create_tables_and_seed(schema, classes):
    create_tables(schema["app_label"])
    json_fields = {(m["name"], f["name"]) for m in schema["models"] for f in m["fields"] if f["type"] == "JSONField"}
    for row in schema["seed"]:
        model = classes[row["model"]]
        values = {k: v if (row["model"], k) in json_fields else decode_marker(v) for k, v in row["values"].items()}
        model._base_manager.bulk_create([model(**values)])


# --- argument decoding (FORMAT.md §3.3) ---------------------------------------------------------

class Context:
    def __init__(self, classes, model):
        self.classes = classes
        self.model = model


def decode_func_arg(value, ctx):
    """In the argument position of a function or aggregate, a bare string is a field reference."""
    return value if isinstance(value, str) else decode(value, ctx)


def decode_qs(spec, ctx):
    inner = Context(ctx.classes, ctx.classes[spec["model"]])
    current = inner.model.objects.all()
    for op in spec["ops"]:
        current, _ = apply_op(current, op, inner)
    return current


def decode_expression(key, spec, ctx):
    from django.db import models
    from django.db.models.functions import Coalesce, Concat, Length, Lower, Upper

    arg = spec[key]
    aggregates = {"$Count": models.Count, "$Sum": models.Sum, "$Avg": models.Avg, "$Min": models.Min, "$Max": models.Max}
    functions = {"$Lower": Lower, "$Upper": Upper, "$Length": Length}
    if key == "$Q":
        return models.Q(**decode_kwargs(arg, ctx))
    if key in ("$and", "$or"):
        parts = [decode(a, ctx) for a in arg]
        result = parts[0]
        for part in parts[1:]:
            result = result & part if key == "$and" else result | part
        return result
    if key == "$not":
        return ~decode(arg, ctx)
    if key == "$F":
        return models.F(arg)
    if key == "$Value":
        return models.Value(decode(arg, ctx))
    if key in ("$add", "$sub", "$mul", "$div"):
        left, right = decode(arg[0], ctx), decode(arg[1], ctx)
        return {"$add": lambda: left + right, "$sub": lambda: left - right, "$mul": lambda: left * right, "$div": lambda: left / right}[key]()
    if key in ("$asc", "$desc"):
        expression = models.F(arg) if isinstance(arg, str) else decode(arg, ctx)
        options = {k: True for k in ("nulls_first", "nulls_last") if spec.get(k)}
        return expression.asc(**options) if key == "$asc" else expression.desc(**options)
    if key in aggregates:
        options = {}
        if "distinct" in spec:
            options["distinct"] = spec["distinct"]
        if "filter" in spec:
            options["filter"] = decode(spec["filter"], ctx)
        if "default" in spec:
            options["default"] = decode(spec["default"], ctx)
        return aggregates[key](decode_func_arg(arg, ctx), **options)
    if key in functions:
        return functions[key](decode_func_arg(arg, ctx))
    if key == "$Coalesce":
        return Coalesce(*[decode_func_arg(a, ctx) for a in arg])
    if key == "$Concat":
        return Concat(*[decode_func_arg(a, ctx) for a in arg])
    if key == "$Case":
        options = {"default": decode_func_arg(spec["default"], ctx)} if "default" in spec else {}
        return models.Case(*[decode(w, ctx) for w in arg], **options)
    if key == "$When":
        is_expression = isinstance(arg, dict) and any(k.startswith("$") for k in arg)
        condition = decode(arg, ctx) if is_expression else models.Q(**decode_kwargs(arg, ctx))
        return models.When(condition, then=decode_func_arg(spec["then"], ctx))
    if key == "$OuterRef":
        return models.OuterRef(arg)
    if key == "$qs":
        return decode_qs(arg, ctx)
    if key == "$Exists":
        return models.Exists(decode_qs(arg, ctx))
    if key == "$Subquery":
        return models.Subquery(decode_qs(arg, ctx))
    if key == "$Prefetch":
        options = {}
        if "queryset" in spec:
            options["queryset"] = decode_qs(spec["queryset"], ctx)
        if "to_attr" in spec:
            options["to_attr"] = spec["to_attr"]
        return models.Prefetch(arg, **options)
    if key == "$obj":
        return ctx.model(**decode_kwargs(arg, ctx))
    raise ValueError(f"unknown expression {key}")


def decode(value, ctx):
    if isinstance(value, list):
        return [decode(v, ctx) for v in value]
    if not isinstance(value, dict):
        return value
    expression = next((k for k in value if k.startswith("$")), None)
    if expression:
        return decode_expression(expression, value, ctx)
    return decode_marker(value)  # a marker, or a JSON value for a JSONField


def decode_kwargs(kwargs, ctx):
    out = {}
    for key, value in (kwargs or {}).items():
        out[key] = decode_kwargs(value, ctx) if key in ("defaults", "create_defaults") else decode(value, ctx)
    return out


# --- applying ops (FORMAT.md §3.2) ---------------------------------------------------------------

def apply_op(current, op, ctx):
    """One op on the current value → (new current value, whether the call returned None)."""
    from django.db import models

    name = op["op"]
    if name == "slice":
        qs = current.all() if isinstance(current, models.Manager) else current
        return qs[op.get("start"):op.get("stop"):op.get("step")], False
    if name == "index":
        qs = current.all() if isinstance(current, models.Manager) else current
        return qs[op["index"]], False
    if name == "attr":
        return getattr(current, op["name"]), False
    if name == "setattr":
        setattr(current, op["name"], decode(op["value"], ctx))
        return current, False
    args = [decode(a, ctx) for a in op.get("args", [])]
    result = getattr(current, name)(*args, **decode_kwargs(op.get("kwargs"), ctx))
    if result is None:
        if isinstance(current, (models.Model, models.Manager)):
            return current, True
        return None, True
    return result, False


def project(current, paths):
    from django.db import models

    def walk(obj, segments):
        if not segments:
            return encode_value(obj.pk if isinstance(obj, models.Model) else obj)
        if obj is None:
            return None
        value = getattr(obj, segments[0])
        if isinstance(value, models.Manager):
            return [walk(o, segments[1:]) for o in value.all()]
        if isinstance(value, list):
            return [walk(o, segments[1:]) for o in value]
        if callable(value):
            value = value()
        return walk(value, segments[1:])

    def one(obj):
        return {path: walk(obj, path.split(".")) for path in paths}

    if isinstance(current, models.Model):
        return one(current)
    items = current.all() if isinstance(current, models.Manager) else current
    return [one(obj) for obj in items]


# --- encoding results (FORMAT.md §3.4) -----------------------------------------------------------

def encode_value(value):
    """A Python value → its JSON form, typed values as markers."""
    from django.db import models

    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"__time__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, float) and value.is_integer():
        return {"__float__": repr(value)}
    if isinstance(value, (list, tuple)):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode_value(v) for k, v in value.items()}
    return value


def encode_result(value, last_op):
    """The final current value → `{kind, result[, ordered]}`."""
    from django.db import models
    from django.db.models import query

    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, query.QuerySet):
        kinds = {
            query.ValuesIterable: "values",
            query.ValuesListIterable: "values_list",
            query.NamedValuesListIterable: "values_list",
            query.FlatValuesListIterable: "flat",
        }
        kind = kinds.get(value._iterable_class, "instances")
        rows = list(value)
        result = [r.pk for r in rows] if kind == "instances" else encode_value([list(r) if isinstance(r, tuple) else r for r in rows])
        return {"kind": kind, "result": result, "ordered": value.ordered}
    if isinstance(value, models.Model):
        return {"kind": "instance", "result": value.pk}
    if last_op in ("get_or_create", "update_or_create"):
        return {"kind": "tuple", "result": [value[0].pk, value[1]]}
    if last_op == "delete":
        return {"kind": "tuple", "result": encode_value(list(value))}
    if last_op == "in_bulk":
        return {"kind": "in_bulk", "result": [[encode_value(k), v.pk] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"kind": "dict", "result": encode_value(value)}
    if isinstance(value, list):
        return {"kind": "list", "result": encode_value(value)}
    return {"kind": "scalar", "result": encode_value(value)}


def table_rows(model):
    """The table's full contents as the corpus' `after` rows: attname → value, sorted by pk."""
    attnames = [f.attname for f in model._meta.concrete_fields]
    return [encode_value(row) for row in model._base_manager.order_by("pk").values(*attnames)]


# --- replaying one case in Django ---------------------------------------------------------------

class Database:
    """The schemas' tables, seeded once; `reset()` brings the seeded state back before each case."""

    def __init__(self, corpus):
        from django.db import connection

        self.classes = {}
        for name, schema in corpus["schemas"].items():
            self.classes[name] = build_models(schema)
            create_tables_and_seed(schema, self.classes[name])
        self.seeded = sqlite3.connect(":memory:")
        connection.connection.backup(self.seeded)
        self.seed_rows = {name: self.snapshot(name) for name in self.classes}

    def reset(self):
        from django.db import connection

        self.seeded.backup(connection.connection)

    def snapshot(self, schema_name):
        app = next(iter(self.classes[schema_name].values()))._meta.app_label
        return {f"{app}.{m.__name__}": table_rows(m) for m in self.classes[schema_name].values()}

    def run(self, case_input):
        """Replay `case_input` on a fresh database → the expectation Django gives."""
        from django.db import connection, models
        from django.db.models import ProtectedError, RestrictedError, query

        self.reset()
        classes = self.classes[case_input["schema"]]
        ctx = Context(classes, classes[case_input["model"]])
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        ops = case_input["ops"]
        try:
            current = ctx.model.objects.all()
            returned_none = False
            expect = None
            for op in ops:
                if op["op"] == "project":
                    expect = {"kind": "projection", "result": project(current, op["paths"])}
                    if isinstance(current, (models.Manager, query.QuerySet)):
                        expect["ordered"] = current.all().ordered
                    break
                current, returned_none = apply_op(current, op, ctx)
            if expect is None:
                expect = {"kind": "scalar", "result": None} if returned_none else encode_result(current, ops[-1]["op"])
        except Exception as exc:  # every error Django raises is part of the expectation
            expect = {"error": type(exc).__name__, "message": exc.args[0] if isinstance(exc, (ProtectedError, RestrictedError)) else str(exc)}
            if isinstance(exc, ProtectedError):
                expect["protected_objects"] = sorted([o._meta.label, o.pk] for o in exc.protected_objects)
        statements = [q["sql"] for q in connection.queries_log if not TRANSACTION_CONTROL.match(q["sql"])]
        connection.force_debug_cursor = False
        expect["queries"] = len(statements)
        expect["sql"] = statements
        after = self.snapshot(case_input["schema"])
        changed = {label: rows for label, rows in after.items() if rows != self.seed_rows[case_input["schema"]][label]}
        if changed:
            expect["after"] = changed
        return expect


# --- the generator: random but meaningful chains -------------------------------------------------

WRITE_OPS = {"update", "delete", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "save", "add", "remove", "set", "clear"}
TEXT = {"CharField", "TextField", "SlugField", "EmailField"}
NUMBER = {"IntegerField", "FloatField", "DecimalField", "AutoField", "BigAutoField"}
TEXT_LOOKUPS = ["exact", "iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith",
                "in", "gt", "gte", "lt", "lte", "regex", "iregex", "isnull", "range"]
NUMBER_LOOKUPS = ["exact", "gt", "gte", "lt", "lte", "in", "range", "isnull"]
DATE_PARTS = ["year", "month", "day", "week_day", "iso_week_day", "quarter", "week", "iso_year"]
TIME_PARTS = ["hour", "minute", "second"]


class Catalog:
    """What can be said about one schema: each model's paths (`author__name`), their field type and
    the values the seed holds there, so that generated filters often match something."""

    def __init__(self, schema, classes):
        self.schema = schema
        self.classes = classes
        self.specs = {m["name"]: m for m in schema["models"]}
        self.rows = {}
        for row in schema["seed"]:
            self.rows.setdefault(row["model"], []).append(row["values"])

    def fields(self, model_name):
        return self.specs[model_name]["fields"]

    def seed_values(self, model_name, field):
        column = field["name"] + ("_id" if field["type"] in ("ForeignKey", "OneToOneField") else "")
        return [r.get(column) for r in self.rows.get(model_name, [])]

    def relations(self, model_name):
        """(path segment, target model, multi-valued) for every relation reachable from the model."""
        out = []
        for field in self.fields(model_name):
            if field["type"] in ("ForeignKey", "OneToOneField", "ManyToManyField"):
                target = model_name if field["options"]["to"] == "self" else field["options"]["to"]
                out.append((field["name"], target, field["type"] == "ManyToManyField"))
        for other, spec in self.specs.items():
            for field in spec["fields"]:
                to = field["options"].get("to")
                if to == model_name or (to == "self" and other == model_name):
                    if field["type"] == "ManyToManyField" and to == "self":
                        continue  # symmetrical: the field itself is the only accessor
                    name = field["options"].get("related_name") or other.lower()
                    out.append((name, other, field["type"] != "OneToOneField"))
        return out

    def scalar_fields(self, model_name):
        return [f for f in self.fields(model_name) if f["type"] not in ("ManyToManyField",)]

    def path(self, rng, model_name, depth=0):
        """A random path from `model_name` to a field → (path, field spec, owner model, multi-valued)."""
        relations = self.relations(model_name)
        if depth < 2 and relations and rng.random() < 0.35:
            segment, target, multi = rng.choice(relations)
            path, field, owner, inner_multi = self.path(rng, target, depth + 1)
            return f"{segment}__{path}", field, owner, multi or inner_multi
        field = rng.choice(self.scalar_fields(model_name))
        return field["name"], field, model_name, False


def jitter_text(rng, text):
    """A string related to a seed string: a piece of it, its case changed, or something else."""
    if not text:
        return rng.choice(["", "x"])
    choice = rng.random()
    if choice < 0.3:
        return text
    if choice < 0.5:
        start = rng.randrange(len(text))
        return text[start:start + rng.randint(1, 5)]
    if choice < 0.65:
        return text.upper()
    if choice < 0.8:
        return text.lower()[: rng.randint(1, len(text))]
    return rng.choice(["%", "_", "é", "É", "zz", "a", "The", "Off_", "50%", "o"])


def sample_value(rng, catalog, field, owner, lookup):
    """A value for `field__lookup` taken from (or near) the seed."""
    kind = field["type"]
    values = [v for v in catalog.seed_values(owner, field) if v is not None] or [None]
    value = rng.choice(values)
    if lookup == "isnull":
        return rng.choice([True, False])
    if lookup == "in":
        picked = {json.dumps(rng.choice(values)) for _ in range(rng.randint(0, 3))}
        return [json.loads(v) for v in sorted(picked)]
    if lookup == "range":
        return sorted([rng.choice(values), rng.choice(values)], key=decode_marker)
    if lookup in ("regex", "iregex"):
        return rng.choice(["^[A-M]", "s$", "o.", "^the", "[0-9]", "a|e", "^$", "G.*s"])
    if kind in TEXT and isinstance(value, str):
        return jitter_text(rng, value)
    if kind in ("IntegerField", "AutoField", "BigAutoField", "ForeignKey", "OneToOneField") and isinstance(value, int):
        return value + rng.choice([0, 0, 1, -1, 7])
    if kind == "FloatField" and isinstance(value, (int, float)):
        return rng.choice([value, round(value + 0.5, 2)])
    if kind == "DecimalField" and isinstance(value, dict):
        return rng.choice([value, {"__decimal__": "10"}, {"__decimal__": "9.995"}, 10])
    return value


def date_part_value(rng, catalog, field, owner, part):
    values = [decode_marker(v) for v in catalog.seed_values(owner, field) if v is not None]
    if not values:
        return 1
    v = rng.choice(values)
    if part == "week_day":
        return (v.isoweekday() % 7) + 1
    if part == "iso_week_day":
        return v.isoweekday()
    if part == "quarter":
        return (v.month - 1) // 3 + 1
    if part == "week":
        return v.isocalendar()[1]
    if part == "iso_year":
        return v.isocalendar()[0]
    return getattr(v, part)


def random_condition(rng, catalog, model_name):
    """(kwarg name, JSON value) for one filter: a path and a lookup that fits its field."""
    path, field, owner, _ = catalog.path(rng, model_name)
    kind = field["type"]
    if kind in TEXT:
        lookup = rng.choice(TEXT_LOOKUPS)
    elif kind in NUMBER:
        lookup = rng.choice(NUMBER_LOOKUPS)
    elif kind in ("DateField", "DateTimeField"):
        parts = DATE_PARTS + (TIME_PARTS + ["date"] if kind == "DateTimeField" else [])
        choice = rng.random()
        if choice < 0.45:
            part = rng.choice(parts)
            if part == "date":
                value = rng.choice([v for v in catalog.seed_values(owner, field) if v] or [None])
                return f"{path}__date__{rng.choice(['exact', 'gte', 'lt'])}", value and {"__date__": value["__datetime__"][:10]}
            compare = rng.choice(["", "", "__gte", "__lt", "__in"])
            value = date_part_value(rng, catalog, field, owner, part)
            return f"{path}__{part}{compare}", [value, value + 1] if compare == "__in" else value
        lookup = rng.choice(["exact", "gt", "gte", "lt", "lte", "range", "isnull", "in"])
    elif kind == "BooleanField":
        lookup = rng.choice(["exact", "exact", "isnull", "in"])
        return f"{path}__{lookup}", {"exact": rng.choice([True, False]), "isnull": rng.choice([True, False]), "in": [rng.choice([True, False])]}[lookup]
    elif kind in ("ForeignKey", "OneToOneField"):
        lookup = rng.choice(["exact", "in", "isnull", "gt", "exact"])
    elif kind == "JSONField":
        key = rng.choice(["edition", "series", "awards", "featured", "level", "tags", "isbn", "missing"])
        form = rng.choice(["key", "key_isnull", "has_key", "has_keys", "has_any_keys", "isnull", "key_icontains", "key_gt"])
        if form == "key":
            return f"{path}__{key}", rng.choice([1, 2, 3, "Discworld", "orm", True, False, None, "Earthsea"])
        if form == "key_isnull":
            return f"{path}__{key}__isnull", rng.choice([True, False])
        if form == "key_icontains":
            return f"{path}__{key}__icontains", rng.choice(["disc", "O", "earth"])
        if form == "key_gt":
            return f"{path}__{key}__gt", rng.choice([1, 2, 0])
        if form == "isnull":
            return f"{path}__isnull", rng.choice([True, False])
        if form == "has_key":
            return f"{path}__has_key", key
        return f"{path}__{form}", [key, rng.choice(["edition", "series", "awards"])]
    else:
        lookup = "exact"
    value = sample_value(rng, catalog, field, owner, lookup)
    name = path if lookup == "exact" and rng.random() < 0.5 else f"{path}__{lookup}"
    return name, value


def random_q(rng, catalog, model_name, depth=0):
    """A Q object: one condition, or a combination with &, | and ~."""
    if depth >= 2 or rng.random() < 0.5:
        name, value = random_condition(rng, catalog, model_name)
        q = {"$Q": {name: value}}
    else:
        q = {rng.choice(["$and", "$or"]): [random_q(rng, catalog, model_name, depth + 1) for _ in range(rng.randint(2, 3))]}
    return {"$not": q} if rng.random() < 0.2 else q


def numeric_field(rng, catalog, model_name):
    fields = [f for f in catalog.fields(model_name) if f["type"] in ("IntegerField", "FloatField", "DecimalField")]
    return rng.choice(fields)["name"] if fields else "id"


def random_f_condition(rng, catalog, model_name):
    """A comparison of a field with an F expression and arithmetic (`pages__gt=F('price') * 35`)."""
    left = numeric_field(rng, catalog, model_name)
    right = numeric_field(rng, catalog, model_name)
    expression = {"$F": right}
    if rng.random() < 0.7:
        expression = {rng.choice(["$add", "$sub", "$mul", "$div"]): [expression, rng.choice([1, 2, 10, 35, {"$F": left}])]}
    return {f"{left}__{rng.choice(['gt', 'gte', 'lt', 'lte', 'exact'])}": expression}


def total_order(rng, catalog, model_name, extra_paths=()):
    """An explicit order_by that leaves no ties: random keys, then pk, then the multi-valued paths."""
    keys = []
    for _ in range(rng.randint(0, 2)):
        path, field, _, multi = catalog.path(rng, model_name)
        if field["type"] in ("JSONField",):
            continue
        choice = rng.random()
        if choice < 0.15 and not multi:
            keys.append({rng.choice(["$asc", "$desc"]): path, rng.choice(["nulls_first", "nulls_last"]): True})
        else:
            keys.append(("-" if choice < 0.5 else "") + path)
    keys.append(rng.choice(["pk", "-pk"]))
    keys.extend(extra_paths)
    return {"op": "order_by", "args": keys}


def value_paths(rng, catalog, model_name):
    """Fields for values()/values_list(): own fields and sometimes a related path."""
    own = [f["name"] for f in catalog.scalar_fields(model_name) if f["type"] != "JSONField"]
    paths = rng.sample(own, rng.randint(1, min(3, len(own))))
    multi_paths = []
    if rng.random() < 0.4:
        path, field, _, multi = catalog.path(rng, model_name, depth=1 if rng.random() < 0.5 else 0)
        if field["type"] != "JSONField" and path not in paths:
            paths.append(path)
            if multi:
                multi_paths.append(path)
    return paths, multi_paths


def filter_ops(rng, catalog, model_name):
    ops = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
        choice = rng.random()
        method = "exclude" if rng.random() < 0.25 else "filter"
        if choice < 0.55:
            name, value = random_condition(rng, catalog, model_name)
            kwargs = {name: value}
            if rng.random() < 0.25:
                name2, value2 = random_condition(rng, catalog, model_name)
                kwargs[name2] = value2
            ops.append({"op": method, "kwargs": kwargs})
        elif choice < 0.85:
            ops.append({"op": method, "args": [random_q(rng, catalog, model_name)]})
        else:
            ops.append({"op": method, "kwargs": random_f_condition(rng, catalog, model_name)})
    return ops


def seed_pks(catalog, model_name):
    return [r["id"] for r in catalog.rows.get(model_name, [])]


def read_tail(rng, catalog, model_name):
    """The ops that end a read: evaluation as instances, values, a scalar, one object, an aggregate…"""
    choice = rng.randrange(20)
    relations = catalog.relations(model_name)
    numeric = numeric_field(rng, catalog, model_name)
    if choice <= 2:
        return [total_order(rng, catalog, model_name)] if rng.random() < 0.6 else []
    if choice == 3:
        paths, multi = value_paths(rng, catalog, model_name)
        ops = [total_order(rng, catalog, model_name, multi)] if multi or rng.random() < 0.5 else []
        return ops + [{"op": "values", "args": paths if rng.random() < 0.9 else []}]
    if choice == 4:
        paths, multi = value_paths(rng, catalog, model_name)
        ops = [total_order(rng, catalog, model_name, multi)] if multi or rng.random() < 0.5 else []
        flat = len(paths) == 1 and rng.random() < 0.7
        kwargs = {"flat": True} if flat else ({"named": True} if rng.random() < 0.2 else {})
        return ops + [{"op": "values_list", "args": paths, "kwargs": kwargs}]
    if choice == 5:
        return [{"op": rng.choice(["count", "exists"])}]
    if choice == 6:
        ops = [total_order(rng, catalog, model_name)] if rng.random() < 0.5 else []
        return ops + [{"op": rng.choice(["first", "last"])}]
    if choice == 7:
        pks = seed_pks(catalog, model_name)
        if rng.random() < 0.5:
            return [{"op": "get", "kwargs": {"pk": rng.choice(pks + [999])}}]
        name, value = random_condition(rng, catalog, model_name)
        return [{"op": "get", "kwargs": {name: value}}]
    if choice == 8:
        aggregates = {}
        for i in range(rng.randint(1, 3)):
            aggregates[f"a{i}"] = random_aggregate(rng, catalog, model_name)
        return [{"op": "aggregate", "kwargs": aggregates}]
    if choice == 9 and relations:
        segment, _, _ = rng.choice(relations)
        annotation = random_aggregate(rng, catalog, model_name, through=segment)
        ops = [{"op": "annotate", "kwargs": {"n": annotation}}]
        if rng.random() < 0.5:
            ops.append({"op": "filter", "kwargs": {f"n__{rng.choice(['gt', 'gte', 'lt', 'exact'])}": rng.choice([0, 1, 2, 3])}})
        ops.append({"op": "order_by", "args": [rng.choice(["n", "-n"]), "pk"]})
        own = rng.choice([f["name"] for f in catalog.scalar_fields(model_name) if f["type"] != "JSONField"])
        ops.append({"op": "values_list", "args": ["pk", own, "n"]})
        return ops
    if choice == 10:
        ops = [total_order(rng, catalog, model_name)] if rng.random() < 0.7 else []
        start = rng.choice([None, 0, 1, 2, 5])
        stop = rng.choice([None, 1, 3, 4, 20])
        if start is not None and stop is not None and stop < start:
            start, stop = stop, start
        step = 2 if rng.random() < 0.1 else None
        slice_op = {"op": "slice"}
        for key, value in (("start", start), ("stop", stop), ("step", step)):
            if value is not None:
                slice_op[key] = value
        return ops + [slice_op]
    if choice == 11:
        pks = seed_pks(catalog, model_name)
        if rng.random() < 0.3:
            unique = [f["name"] for f in catalog.fields(model_name) if f["options"].get("unique")]
            if unique:
                field = rng.choice(unique)
                values = [r[field] for r in catalog.rows[model_name]]
                return [{"op": "in_bulk", "args": [rng.sample(values, min(2, len(values)))], "kwargs": {"field_name": field}}]
        return [{"op": "in_bulk", "args": [rng.sample(pks, min(3, len(pks))) + [999]]}] if rng.random() < 0.8 else [{"op": "in_bulk"}]
    if choice == 12:
        paths, multi = value_paths(rng, catalog, model_name)
        return [{"op": "order_by", "args": paths}, {"op": "values_list", "args": paths}, {"op": "distinct"}]
    if choice == 13:
        date_fields = [f["name"] for f in catalog.fields(model_name) if f["type"] in ("DateField", "DateTimeField")]
        if date_fields:
            field = rng.choice(date_fields)
            kind = [f for f in catalog.fields(model_name) if f["name"] == field][0]["type"]
            method = "dates" if kind == "DateField" else "datetimes"
            return [{"op": method, "args": [field, rng.choice(["year", "month", "day"])], "kwargs": {"order": rng.choice(["ASC", "DESC"])}}]
        return [{"op": "count"}]
    if choice == 14:
        forward = [f["name"] for f in catalog.fields(model_name) if f["type"] in ("ForeignKey", "OneToOneField")]
        paths = [f["name"] for f in catalog.scalar_fields(model_name) if f["type"] not in ("JSONField", "ForeignKey", "OneToOneField")][:1]
        if forward:
            chosen = rng.sample(forward, rng.randint(1, len(forward)))
            projected = paths + [f"{name}.{rng.choice(['pk', 'id'])}" for name in chosen]
            ops = [{"op": "select_related", "args": chosen if rng.random() < 0.8 else []}] if rng.random() < 0.7 else []
            return ops + [total_order(rng, catalog, model_name), {"op": "project", "paths": projected}]
        return [{"op": "exists"}]
    if choice == 15 and relations:
        segment, target, multi = rng.choice(relations)
        target_field = rng.choice([f["name"] for f in catalog.scalar_fields(target) if f["type"] not in ("JSONField",)])
        paths = [catalog.scalar_fields(model_name)[0]["name"], f"{segment}.{target_field}"]
        ops = [{"op": "prefetch_related", "args": [segment]}] if rng.random() < 0.7 else []
        return ops + [total_order(rng, catalog, model_name), {"op": "project", "paths": paths}]
    if choice == 16:
        expression = random_expression(rng, catalog, model_name)
        return [{"op": "annotate", "kwargs": {"e": expression}}, {"op": "order_by", "args": ["pk"]}, {"op": "values_list", "args": ["pk", "e"]}]
    if choice == 17:
        pks = seed_pks(catalog, model_name)
        return [{"op": "filter", "kwargs": {"pk__in": rng.sample(pks, min(3, len(pks)))}}, total_order(rng, catalog, model_name), {"op": "reverse"}]
    if choice == 18:
        date_fields = [f["name"] for f in catalog.fields(model_name) if f["type"] in ("DateField", "DateTimeField")]
        method = rng.choice(["earliest", "latest"])
        return [{"op": method, "args": rng.sample(date_fields, 1) if date_fields and rng.random() < 0.8 else []}]
    return [{"op": "values", "args": [numeric]}, {"op": "annotate", "kwargs": {"n": {"$Count": "pk"}}}, {"op": "order_by", "args": [numeric]}]


def random_aggregate(rng, catalog, model_name, through=None):
    name = rng.choice(["$Count", "$Sum", "$Avg", "$Min", "$Max"])
    if through:
        target = [t for s, t, _ in catalog.relations(model_name) if s == through][0]
        candidates = [f for f in catalog.scalar_fields(target) if f["type"] in NUMBER | {"DateField", "DateTimeField"} | TEXT]
        field = rng.choice(candidates)
        if field["type"] not in NUMBER and name in ("$Sum", "$Avg"):
            name = "$Count"
        arg = f"{through}__{field['name']}" if rng.random() < 0.7 or name != "$Count" else through
    else:
        candidates = [f for f in catalog.scalar_fields(model_name) if f["type"] in NUMBER | {"DateField", "DateTimeField"}]
        field = rng.choice(candidates)
        if field["type"] not in NUMBER and name in ("$Sum", "$Avg"):
            name = "$Max"
        arg = field["name"] if name != "$Count" or rng.random() < 0.7 else "*"
    aggregate = {name: arg}
    if rng.random() < 0.2 and arg != "*":
        aggregate["distinct"] = True
    if rng.random() < 0.25:
        condition, value = random_condition(rng, catalog, model_name)
        aggregate["filter"] = {"$Q": {condition: value}}
    if rng.random() < 0.15 and name != "$Count":
        aggregate["default"] = 0
    return aggregate


def random_expression(rng, catalog, model_name):
    """An annotation: arithmetic over F, a text function, Coalesce, Concat or a Case."""
    text = [f["name"] for f in catalog.fields(model_name) if f["type"] in TEXT]
    numeric = numeric_field(rng, catalog, model_name)
    choice = rng.randrange(6)
    if choice == 0:
        return {rng.choice(["$add", "$sub", "$mul", "$div"]): [{"$F": numeric}, rng.choice([1, 2, 3, {"$F": numeric_field(rng, catalog, model_name)}])]}
    if choice == 1 and text:
        return {rng.choice(["$Lower", "$Upper", "$Length"]): rng.choice(text)}
    if choice == 2:
        nullable = [f["name"] for f in catalog.fields(model_name) if f["options"].get("null") and f["type"] in NUMBER | TEXT]
        if nullable:
            field = rng.choice(nullable)
            kind = [f for f in catalog.fields(model_name) if f["name"] == field][0]["type"]
            return {"$Coalesce": [field, {"$Value": 0 if kind in NUMBER else "-"}]}
    if choice == 3 and text:
        return {"$Concat": [rng.choice(text), {"$Value": " / "}, rng.choice(text)]}
    name, value = random_condition(rng, catalog, model_name)
    return {"$Case": [{"$When": {name: value}, "then": {"$Value": "yes"}}], "default": {"$Value": "no"}}


def write_ops(rng, catalog, model_name):
    """A write: update, delete, create, get_or_create, update_or_create or bulk_create."""
    choice = rng.randrange(7)
    fields = [f for f in catalog.fields(model_name) if f["type"] not in ("ManyToManyField", "AutoField", "BigAutoField")]
    pks = seed_pks(catalog, model_name)
    if choice <= 1:
        field = rng.choice([f for f in fields if f["type"] != "OneToOneField"] or fields)
        if field["type"] in ("IntegerField", "FloatField", "DecimalField") and rng.random() < 0.5:
            value = {rng.choice(["$add", "$mul"]): [{"$F": field["name"]}, rng.choice([1, 2])]}
        else:
            value = sample_value(rng, catalog, field, model_name, "exact")
        return filter_ops(rng, catalog, model_name) + [{"op": "update", "kwargs": {field["name"]: value}}]
    if choice == 2:
        return (filter_ops(rng, catalog, model_name) or [{"op": "filter", "kwargs": {"pk": rng.choice(pks)}}]) + [{"op": "delete"}]
    if choice in (3, 4, 5):
        row = dict(rng.choice(catalog.rows[model_name]))
        row.pop("id")
        for field in fields:
            column = field["name"] + ("_id" if field["type"] in ("ForeignKey", "OneToOneField") else "")
            if column in row and field["type"] in TEXT and (field["options"].get("unique") or rng.random() < 0.5):
                if rng.random() < 0.8:
                    row[column] = f"{row[column]}-new"
        if choice == 3:
            return [{"op": "create", "kwargs": row}]
        lookup_key = rng.choice(list(row))
        lookup = {lookup_key: row[lookup_key]}
        defaults = {k: v for k, v in row.items() if k != lookup_key}
        method = "get_or_create" if choice == 4 else "update_or_create"
        return [{"op": method, "kwargs": {**lookup, "defaults": defaults}}]
    rows = []
    for _ in range(rng.randint(1, 3)):
        row = dict(rng.choice(catalog.rows[model_name]))
        row.pop("id")
        for key, value in row.items():
            if isinstance(value, str) and rng.random() < 0.7:
                row[key] = f"{value}-{rng.randint(1, 99)}"
        rows.append({"$obj": row})
    return [{"op": "bulk_create", "args": [rows]}]


def error_ops(rng, catalog, model_name):
    """Chains that make Django raise: unknown fields and lookups, bad values, bad combinations."""
    own = [f["name"] for f in catalog.fields(model_name)]
    field = rng.choice(own)
    return rng.choice([
        [{"op": "filter", "kwargs": {rng.choice(["nope", f"{field}__nope", f"{field}__nope__exact"]): 1}}],
        [{"op": "order_by", "args": [rng.choice(["nope", "-nope", f"{field}__nope"])]}, {"op": "count"}],
        [{"op": "values", "args": ["nope"]}],
        [{"op": "values_list", "args": [field, "id"], "kwargs": {"flat": True}}],
        [{"op": "filter", "kwargs": {f"{numeric_field(rng, catalog, model_name)}": rng.choice(["abc", "", "1.5x"])}}],
        [{"op": "filter", "kwargs": {"pk__in": rng.choice([1, "x"])}}],
        [{"op": "get"}],
        [{"op": "annotate", "kwargs": {field: {"$Count": "pk"}}}],
        [{"op": "aggregate", "kwargs": {"x": {"$Sum": "nope"}}}],
        [{"op": "slice", "start": 1, "stop": 3}, {"op": "filter", "kwargs": {"pk": 1}}],
        [{"op": "slice", "start": 1, "stop": 3}, {"op": "order_by", "args": ["pk"]}],
        [{"op": "index", "index": 99}],
        [{"op": "index", "index": -1}],
        [{"op": "select_related", "args": [rng.choice(own + ["nope"])]}, {"op": "project", "paths": ["pk"]}],
        [{"op": "prefetch_related", "args": [rng.choice(["nope", field])]}, {"op": "project", "paths": ["pk"]}],
        [{"op": "filter", "kwargs": {f"{field}__isnull": "maybe"}}],
        [{"op": "dates", "args": [field, "year"]}],
        [{"op": "dates", "args": [field, "century"]}],
        [{"op": "in_bulk", "args": [[1]], "kwargs": {"field_name": field}}],
        [{"op": "distinct", "args": [field]}, {"op": "count"}],
        [{"op": "create", "kwargs": {"nope": 1}}],
        [{"op": "update", "kwargs": {"nope": 1}}],
        [{"op": "filter", "kwargs": {f"{field}__year": "abc"}}],
    ])


def manager_ops(rng, catalog, model_name):
    """The tutorial's related managers: `q = Question.objects.get(pk=1); q.choice_set.create(...)`."""
    relations = [r for r in catalog.relations(model_name) if r[2]]
    if not relations:
        return read_tail(rng, catalog, model_name)
    segment, target, _ = rng.choice(relations)
    ops = [{"op": "get", "kwargs": {"pk": rng.choice(seed_pks(catalog, model_name))}}, {"op": "attr", "name": segment}]
    target_pks = seed_pks(catalog, target)
    choice = rng.randrange(10)
    if choice == 0:
        return ops + [{"op": rng.choice(["count", "exists", "first", "last", "all"])}]
    if choice == 1:
        name, value = random_condition(rng, catalog, target)
        return ops + [{"op": rng.choice(["filter", "exclude"]), "kwargs": {name: value}}, total_order(rng, catalog, target)]
    if choice == 2:
        field = rng.choice([f["name"] for f in catalog.scalar_fields(target) if f["type"] != "JSONField"])
        return ops + [{"op": "order_by", "args": [field, "pk"]}, {"op": "values_list", "args": [field], "kwargs": {"flat": True}}]
    if choice in (3, 4):
        method = rng.choice(["add", "remove"]) if choice == 3 else rng.choice(["clear", "set"])
        args = [] if method == "clear" else ([rng.sample(target_pks, min(2, len(target_pks)))] if method == "set" else rng.sample(target_pks, min(2, len(target_pks))))
        return ops + [{"op": method, "args": args}, {"op": "order_by", "args": ["pk"]}]
    if choice == 5:
        row = dict(rng.choice(catalog.rows[target]))
        row.pop("id")
        for key in list(row):
            if key.endswith("_id"):
                row.pop(key)
            elif isinstance(row[key], str):
                row[key] = f"{row[key]}-{rng.randint(1, 99)}"
        return ops + [{"op": "create", "kwargs": row}]
    if choice == 6:
        aggregate = {rng.choice(["$Count", "$Max", "$Min"]): "pk"}
        return ops + [{"op": "aggregate", "kwargs": {"n": aggregate}}]
    if choice == 7:
        return ops + [{"op": "get", "kwargs": {"pk": rng.choice(target_pks)}}]
    if choice == 8:
        field = rng.choice([f["name"] for f in catalog.scalar_fields(target) if f["type"] in ("IntegerField", "CharField", "BooleanField")] or ["id"])
        return ops + [{"op": "update", "kwargs": {field: sample_value(rng, catalog, [f for f in catalog.fields(target) if f["name"] == field][0], target, "exact")}}]
    return ops + [{"op": "slice", "stop": 2}]


def instance_ops(rng, catalog, model_name):
    """One object: its fields and relations read, assigned and saved, deleted, reloaded."""
    pk = rng.choice(seed_pks(catalog, model_name) + [999])
    ops = [{"op": "get", "kwargs": {"pk": pk}}]
    fields = [f for f in catalog.fields(model_name) if f["type"] not in ("ManyToManyField", "AutoField", "BigAutoField", "JSONField")]
    field = rng.choice(fields)
    choice = rng.randrange(6)
    if choice == 0:
        return ops + [{"op": "attr", "name": field["name"]}]
    if choice == 1:
        name = field["name"] + ("_id" if field["type"] in ("ForeignKey", "OneToOneField") else "")
        value = sample_value(rng, catalog, field, model_name, "exact")
        return ops + [{"op": "setattr", "name": name, "value": value}, {"op": "save"}]
    if choice == 2:
        return ops + [{"op": "delete"}]
    if choice == 3:
        return ops + [{"op": "setattr", "name": field["name"], "value": sample_value(rng, catalog, field, model_name, "exact")}, {"op": "refresh_from_db"}, {"op": "attr", "name": field["name"]}]
    if choice == 4:
        paths = [f["name"] for f in fields[:2]]
        for segment, target, multi in catalog.relations(model_name)[:3]:
            paths.append(f"{segment}.{catalog.scalar_fields(target)[0]['name']}")
        return ops + [{"op": "project", "paths": paths}]
    displays = [f["name"] for f in catalog.fields(model_name) if f["options"].get("choices")]
    return ops + [{"op": "project", "paths": [f"get_{displays[0]}_display" if displays else "pk"]}]


def subquery_ops(rng, catalog, model_name):
    """Exists/Subquery with OuterRef, `__in` a nested QuerySet, union/intersection/difference."""
    relations = [r for r in catalog.relations(model_name) if r[2]]
    choice = rng.randrange(4)
    if choice == 0 and relations:
        segment, target, _ = rng.choice(relations)
        back = [s for s, t, _ in catalog.relations(target) if t == model_name]
        if back:
            name, value = random_condition(rng, catalog, target)
            inner = {"model": target, "ops": [{"op": "filter", "kwargs": {back[0]: {"$OuterRef": "pk"}, name: value}}]}
            exists = {"$Exists": inner}
            if rng.random() < 0.5:
                return [{"op": "filter", "args": [exists if rng.random() < 0.7 else {"$not": exists}]}, total_order(rng, catalog, model_name)]
            field = rng.choice([f["name"] for f in catalog.scalar_fields(target) if f["type"] not in ("JSONField", "ManyToManyField")])
            inner["ops"] += [{"op": "order_by", "args": ["-pk"]}, {"op": "values", "args": [field]}, {"op": "slice", "stop": 1}]
            return [{"op": "annotate", "kwargs": {"x": {"$Subquery": inner}, "has": exists}}, {"op": "order_by", "args": ["pk"]}, {"op": "values_list", "args": ["pk", "x", "has"]}]
    if choice == 1:
        name, value = random_condition(rng, catalog, model_name)
        inner = {"model": model_name, "ops": [{"op": "filter", "kwargs": {name: value}}] + ([{"op": "values", "args": ["pk"]}] if rng.random() < 0.5 else [])}
        return [{"op": rng.choice(["filter", "exclude"]), "kwargs": {"pk__in": {"$qs": inner}}}, total_order(rng, catalog, model_name)]
    parts = []
    for _ in range(2):
        name, value = random_condition(rng, catalog, model_name)
        parts.append([{"op": "filter", "kwargs": {name: value}}, {"op": "order_by"}])
    combinator = rng.choice(["union", "intersection", "difference"])
    kwargs = {"all": True} if combinator == "union" and rng.random() < 0.3 else {}
    ops = parts[0] + [{"op": combinator, "args": [{"$qs": {"model": model_name, "ops": parts[1]}}], **({"kwargs": kwargs} if kwargs else {})}]
    tail = rng.choice([[{"op": "order_by", "args": ["pk"]}], [{"op": "count"}], [{"op": "order_by", "args": ["-pk"]}, {"op": "values_list", "args": ["pk"], "kwargs": {"flat": True}}], [{"op": "order_by", "args": ["pk"]}, {"op": "slice", "stop": 2}]])
    return ops + tail


def grouping_ops(rng, catalog, model_name):
    """values(...).annotate(...): one row per group, Meta.ordering ignored; alias() and filters on it."""
    relations = catalog.relations(model_name)
    choice = rng.randrange(3)
    if choice == 0:
        path, field, _, multi = catalog.path(rng, model_name, depth=1)
        if field["type"] == "JSONField":
            path = "pk"
        aggregate = random_aggregate(rng, catalog, model_name)
        ops = [{"op": "values", "args": [path]}, {"op": "annotate", "kwargs": {"n": aggregate}}]
        if rng.random() < 0.5:
            ops.append({"op": "filter", "kwargs": {"n__gte": rng.choice([1, 2])}})
        return ops + [{"op": "order_by", "args": [path, "n"]}]
    if choice == 1 and relations:
        segment, _, _ = rng.choice(relations)
        ops = filter_ops(rng, catalog, model_name)
        return ops + [{"op": "alias", "kwargs": {"n": {"$Count": segment, **({"distinct": True} if rng.random() < 0.5 else {})}}},
                      {"op": "filter", "kwargs": {f"n__{rng.choice(['gt', 'gte', 'exact', 'lt'])}": rng.choice([0, 1, 2])}}, total_order(rng, catalog, model_name)]
    if relations:
        # A filter and an annotation over the same multi-valued relation share its join.
        segment, target, _ = rng.choice(relations)
        name, value = random_condition(rng, catalog, target)
        return [{"op": "filter", "kwargs": {f"{segment}__{name}": value}}, {"op": "annotate", "kwargs": {"n": {"$Count": segment}}},
                {"op": "order_by", "args": ["pk"]}, {"op": "values_list", "args": ["pk", "n"]}]
    return [{"op": "count"}]


def none_ops(rng, catalog, model_name):
    """None as a query value: IS NULL for exact, a ValueError for the other lookups, left out of `in`."""
    field = rng.choice([f for f in catalog.fields(model_name) if f["type"] != "ManyToManyField"])
    lookup = rng.choice(["", "__exact", "__iexact", "__gt", "__contains", "__in"])
    value = [None, rng.choice(catalog.seed_values(model_name, field))] if lookup == "__in" else None
    return [{"op": rng.choice(["filter", "exclude"]), "kwargs": {f"{field['name']}{lookup}": value}}, total_order(rng, catalog, model_name)]


def near_miss_ops(rng, catalog, model_name):
    """A lookup name with a typo: Django's FieldError suggests the close ones."""
    field = rng.choice([f for f in catalog.fields(model_name) if f["type"] != "ManyToManyField"])
    typo = rng.choice(["contain", "icontain", "startwith", "istartwith", "endwith", "exac", "iexac", "isnul", "gtt", "lte_", "ranges", "regexp",
                       "year_", "yeer", "mnth", "dya", "week_days", "hours", "dat", "in_", "len", "lower"])
    return [{"op": "filter", "kwargs": {f"{field['name']}__{typo}": 1}}]


def loading_ops(rng, catalog, model_name):
    """select_related two hops deep, prefetch_related through two relations, Prefetch objects."""
    relations = catalog.relations(model_name)
    forward = [r for r in relations if not r[2]]
    choice = rng.randrange(3)
    if choice == 0 and forward:
        segment, target, _ = rng.choice(forward)
        deeper = [r for r in catalog.relations(target) if not r[2]]
        paths = [f"{segment}.{catalog.scalar_fields(target)[1]['name']}"]
        lookup = segment
        if deeper:
            segment2, target2, _ = rng.choice(deeper)
            lookup = f"{segment}__{segment2}"
            paths.append(f"{segment}.{segment2}.{catalog.scalar_fields(target2)[1]['name']}")
        return filter_ops(rng, catalog, model_name) + [{"op": "select_related", "args": [lookup]}, total_order(rng, catalog, model_name), {"op": "slice", "stop": 6}, {"op": "project", "paths": ["pk", *paths]}]
    many = [r for r in relations if r[2]]
    if not many:
        return [{"op": "count"}]
    segment, target, _ = rng.choice(many)
    target_field = catalog.scalar_fields(target)[1]["name"]
    if choice == 1:
        inner = [r for r in catalog.relations(target) if r[1] != model_name]
        if inner:
            segment2, target2, _ = rng.choice(inner)
            path2 = f"{segment}.{segment2}.{catalog.scalar_fields(target2)[1]['name']}"
            return [{"op": "prefetch_related", "args": [f"{segment}__{segment2}"]}, total_order(rng, catalog, model_name), {"op": "slice", "stop": 4}, {"op": "project", "paths": ["pk", path2]}]
    name, value = random_condition(rng, catalog, target)
    prefetch = {"$Prefetch": segment, "queryset": {"model": target, "ops": [{"op": "filter", "kwargs": {name: value}}, {"op": "order_by", "args": ["-pk"]}]}}
    path = f"{segment}.{target_field}"
    if rng.random() < 0.5:
        prefetch["to_attr"] = "picked"
        path = f"picked.{target_field}"
    return [{"op": "prefetch_related", "args": [prefetch]}, total_order(rng, catalog, model_name), {"op": "project", "paths": ["pk", path]}]


def more_write_ops(rng, catalog, model_name):
    """Updates with F() across rows, get_or_create on a relation, bulk_update, create through a relation id."""
    numeric = [f["name"] for f in catalog.fields(model_name) if f["type"] in ("IntegerField", "FloatField", "DecimalField")]
    pks = seed_pks(catalog, model_name)
    choice = rng.randrange(4)
    if choice == 0 and numeric:
        field = rng.choice(numeric)
        other = rng.choice(numeric)
        return filter_ops(rng, catalog, model_name) + [{"op": "update", "kwargs": {field: {rng.choice(["$add", "$sub", "$mul"]): [{"$F": other}, rng.choice([1, 2, {"$F": field}])]}}}]
    if choice == 1:
        forward = [f for f in catalog.fields(model_name) if f["type"] in ("ForeignKey", "OneToOneField")]
        if forward:
            f = rng.choice(forward)
            target = model_name if f["options"]["to"] == "self" else f["options"]["to"]
            target_field = rng.choice([x for x in catalog.scalar_fields(target) if x["type"] in TEXT] or catalog.scalar_fields(target))
            value = rng.choice(catalog.seed_values(target, target_field))
            return [{"op": "get_or_create", "kwargs": {f"{f['name']}__{target_field['name']}": value, "defaults": {}}}]
    if choice == 2 and numeric:
        field = rng.choice(numeric)
        objs = []
        for pk in rng.sample(pks, min(2, len(pks))):
            row = dict(next(r for r in catalog.rows[model_name] if r["id"] == pk))
            value = row[field]
            objs.append({"$obj": {"id": pk, field: value if value is None else {"$add": [0, 1]} if False else (decode_marker(value) + 1 if isinstance(decode_marker(value), int) else value)}})
        return [{"op": "bulk_update", "args": [objs, [field]]}]
    return [{"op": "filter", "kwargs": {"pk__in": rng.sample(pks, min(3, len(pks)))}}, {"op": "update", "kwargs": {"pk": rng.choice(pks) + 100}}] if rng.random() < 0.2 else [{"op": "get", "kwargs": {"pk": rng.choice(pks)}}, {"op": "delete"}]


def tutorial_ops(rng, catalog, model_name):
    """What Django's tutorial teaches and learners then write: `votes = F("votes") + 1; save()`,
    `order_by(Lower(...))`, naive datetimes, values().first(), slices that forbid what follows."""
    fields = [f for f in catalog.fields(model_name) if f["type"] not in ("ManyToManyField", "JSONField")]
    numeric = [f["name"] for f in fields if f["type"] in ("IntegerField", "FloatField")]
    text = [f["name"] for f in fields if f["type"] in TEXT]
    dates = [f for f in fields if f["type"] == "DateTimeField"]
    pks = seed_pks(catalog, model_name)
    choice = rng.randrange(9)
    if choice == 0 and numeric:
        field = rng.choice(numeric)
        return [{"op": "get", "kwargs": {"pk": rng.choice(pks)}}, {"op": "setattr", "name": field, "value": {"$add": [{"$F": field}, 1]}},
                {"op": "save"}, {"op": "refresh_from_db"}, {"op": "attr", "name": field}]
    if choice == 1 and text:
        key = {rng.choice(["$asc", "$desc"]): {rng.choice(["$Lower", "$Upper", "$Length"]): rng.choice(text)}}
        return filter_ops(rng, catalog, model_name) + [{"op": "order_by", "args": [key, "pk"]}]
    if choice == 2 and dates:
        field = rng.choice(dates)
        value = rng.choice([v for v in catalog.seed_values(model_name, field) if v] or [{"__datetime__": "2024-01-01T00:00:00+00:00"}])
        naive = {"__datetime__": value["__datetime__"].replace("+00:00", "")}
        return [{"op": "filter", "kwargs": {f"{field['name']}__{rng.choice(['lte', 'gte', 'exact', 'lt'])}": naive}}, total_order(rng, catalog, model_name)]
    if choice == 3:
        paths, _ = value_paths(rng, catalog, model_name)
        method = rng.choice(["values", "values_list"])
        return [total_order(rng, catalog, model_name), {"op": method, "args": paths}, {"op": rng.choice(["first", "last"])}]
    if choice == 4:
        after = rng.choice([{"op": "update", "kwargs": {fields[1]["name"]: None}}, {"op": "delete"}, {"op": "count"}, {"op": "exists"},
                            {"op": "aggregate", "kwargs": {"n": {"$Count": "pk"}}}, {"op": "distinct"}, {"op": "reverse"}])
        return [{"op": "order_by", "args": ["pk"]}, {"op": "slice", "start": rng.choice([0, 1, 2]), "stop": rng.choice([3, 4, 8])}, after]
    if choice == 5:
        return [{"op": "order_by"}, {"op": "reverse"}, {"op": rng.choice(["first", "last"])}] if rng.random() < 0.5 else [{"op": "none"}, {"op": "filter", "kwargs": {"pk": 1}}, {"op": rng.choice(["count", "exists", "first"])}]
    if choice == 6:
        paths, _ = value_paths(rng, catalog, model_name)
        return [{"op": "values", "args": paths}, {"op": "distinct"}, {"op": "count"}]
    if choice == 7:
        field = rng.choice([f["name"] for f in fields if f["type"] in ("DateField", "DateTimeField", "IntegerField")] or ["pk"])
        return [{"op": rng.choice(["earliest", "latest"]), "args": [rng.choice([field, f"-{field}"])]}]
    return [{"op": "values", "args": [rng.choice([f["name"] for f in fields])]}, {"op": "get", "kwargs": {"pk": rng.choice(pks)}}]


def generate_case(rng, catalogs, number):
    schema_name = rng.choice(sorted(catalogs))
    catalog = catalogs[schema_name]
    model_name = rng.choice([m["name"] for m in catalog.schema["models"]])
    kind = rng.random()
    tags = []
    if kind < 0.08:
        ops = error_ops(rng, catalog, model_name)
    elif kind < 0.18:
        ops = write_ops(rng, catalog, model_name)
    elif kind < 0.28:
        ops = manager_ops(rng, catalog, model_name)
    elif kind < 0.34:
        ops = instance_ops(rng, catalog, model_name)
    elif kind < 0.42:
        ops = filter_ops(rng, catalog, model_name) + subquery_ops(rng, catalog, model_name)
    elif kind < 0.50:
        ops = grouping_ops(rng, catalog, model_name)
    elif kind < 0.54:
        ops = none_ops(rng, catalog, model_name)
    elif kind < 0.57:
        ops = near_miss_ops(rng, catalog, model_name)
    elif kind < 0.63:
        ops = loading_ops(rng, catalog, model_name)
    elif kind < 0.68:
        ops = more_write_ops(rng, catalog, model_name)
    elif kind < 0.76:
        ops = tutorial_ops(rng, catalog, model_name)
    else:
        ops = filter_ops(rng, catalog, model_name)
        if rng.random() < 0.15:
            ops.append({"op": "distinct"})
        ops += read_tail(rng, catalog, model_name)
    if not ops:
        ops = [{"op": "all"}]
    return {"id": f"orm-recorded-{number:05d}", "tags": tags, "input": {"schema": schema_name, "model": model_name, "ops": ops}}


def check_corpus(database, corpus):
    """The recorder checked against the corpus: each listed case replayed here must give what it records."""
    differ = 0
    for case in corpus["cases"]:
        expect = database.run(case["input"])
        want = {k: v for k, v in case["expect"].items() if k != "sql"}
        got = {k: v for k, v in expect.items() if k != "sql" and (k != "kind" or "kind" in want)}
        if json.dumps(got, sort_keys=True) != json.dumps(want, sort_keys=True):
            differ += 1
            print(f"DIFF {case['id']}\n  want {json.dumps(want)[:400]}\n  got  {json.dumps(got)[:400]}")
    print(f"{len(corpus['cases']) - differ}/{len(corpus['cases'])} corpus cases recorded identically")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(HERE / "orm_recorded.json"))
    parser.add_argument("--no-sql", action="store_true", help="leave the reference SQL out (smaller file)")
    parser.add_argument("--check-corpus", action="store_true", help="replay the corpus' own cases here and list where this recorder disagrees")
    options = parser.parse_args()

    corpus = json.loads(CORPUS.read_text())
    setup_django([schema["app_label"] for schema in corpus["schemas"].values()])
    database = Database(corpus)
    if options.check_corpus:
        return check_corpus(database, corpus)
    catalogs = {name: Catalog(schema, database.classes[name]) for name, schema in corpus["schemas"].items()}
    rng = random.Random(options.seed)
    cases = []
    for number in range(options.count):
        case = generate_case(rng, catalogs, number)
        case["expect"] = database.run(case["input"])
        if "after" in case["expect"] or any(op["op"] in WRITE_OPS for op in case["input"]["ops"]):
            case["tags"].append("write")
        if "error" in case["expect"]:
            case["tags"].append("error")
        if options.no_sql:
            case["expect"].pop("sql")
        if not case["tags"]:
            del case["tags"]
        cases.append(case)
    recorded = {
        "area": "orm",
        "django": corpus["django"],
        "format": "recorded by tests/frameworks/django/db/models/orm_recorded.py "
                  f"(--count {options.count} --seed {options.seed}); FORMAT.md part B §3",
        "settings": corpus["settings"],
        "schemas": corpus["schemas"],
        "cases": cases,
    }
    Path(options.out).write_text(json.dumps(recorded, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n")
    errors = sum(1 for c in cases if "error" in c["expect"])
    print(f"recorded {len(cases)} cases ({errors} errors) → {options.out}")


if __name__ == "__main__":
    main()
