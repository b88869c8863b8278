/**
 * The `signals` area's `kind: "model"` cases: ORM operations → the model signals they emit, in order.
 *
 * Four models (Author, Book, Review, Comment in app `confapp`) get one recorder connected to
 * pre_init, post_init, pre_save, post_save, pre_delete and post_delete for each model. Every case
 * starts on a fresh copy of the empty tables (ids restart at 1), runs its ops, and records per op
 * the events (in emission order) and the result or error.
 */
import type { CaseResult, CorpusCase } from "../area";
import { expect_equal } from "../compare";
import { connection } from "../../frameworks/django/db";
import * as models from "../../frameworks/django/db/models";
import { pre_init, post_init, pre_save, post_save, pre_delete, post_delete } from "../../frameworks/django/db/models/signals";
import type { Signal } from "../../frameworks/django/dispatch";
import { build_models, open_database, seeded_image, type SchemaSpec } from "./orm";

const id = { name: "id", type: "AutoField", options: { primary_key: true } };
const fk = (to: string, on_delete: string, nullable: boolean) => ({ name: to.toLowerCase(), type: "ForeignKey", options: { to, on_delete, ...(nullable ? { null: true } : {}) } });

/** The file-level `models` description, as a schema for the orm replayer's builders. */
const SCHEMA: SchemaSpec = {
  app_label: "confapp",
  seed: [],
  models: [
    { name: "Author", str: "name", fields: [id, { name: "name", type: "CharField", options: { max_length: 100 } }] },
    {
      name: "Book",
      str: "title",
      fields: [
        id,
        { name: "title", type: "CharField", options: { max_length: 100 } },
        { name: "slug", type: "SlugField", options: { default: "" } },
        { name: "pages", type: "IntegerField", options: { default: 0 } },
        { name: "pub_date", type: "DateField", options: { null: true } },
        fk("Author", "CASCADE", true),
      ],
    },
    { name: "Review", str: "text", fields: [id, fk("Book", "CASCADE", false), { name: "text", type: "TextField", options: {} }] },
    { name: "Comment", str: "text", fields: [id, fk("Book", "SET_NULL", true), { name: "text", type: "TextField", options: {} }] },
  ],
};

const LABEL_FIELD: Record<string, string> = { Author: "name", Book: "title", Review: "text", Comment: "text" };

type Json = any;

/** An instance as the corpus shows it: `{model, pk, name|title|text}`. */
function show_instance(obj: any): Json {
  const model = obj.constructor.name;
  return { model, pk: obj.pk ?? null, [LABEL_FIELD[model]]: obj[LABEL_FIELD[model]] };
}

function show_value(v: any): Json {
  if (v instanceof models.Model) return show_instance(v);
  if (v && typeof v === "object" && "queryset" in v) return { queryset: v.queryset._meta.object_name };
  return v ?? null;
}

interface World {
  classes: Map<string, models.ModelClass>;
  image: Uint8Array;
  events: Json[];
}

let world: Promise<World> | null = null;

/** Build the models, their empty tables, and connect the recorder (once per process). */
function prepare_world(): Promise<World> {
  world ??= (async () => {
    const classes = build_models(SCHEMA);
    const image = await seeded_image(SCHEMA);
    const w: World = { classes, image, events: [] };
    const record = (name: string) => (sender: any, kwargs: Record<string, any>) => {
      const event: Json = { signal: name, sender: sender.name };
      if (name === "pre_init") {
        event.args = (kwargs.args ?? []).map(show_value);
        event.kwargs = Object.fromEntries(Object.entries(kwargs.kwargs ?? {}).map(([k, v]) => [k, show_value(v)]));
      } else {
        event.instance = show_instance(kwargs.instance);
        if (name === "pre_save" || name === "post_save") Object.assign(event, { raw: kwargs.raw, using: kwargs.using, update_fields: kwargs.update_fields ?? null });
        if (name === "post_save") event.created = kwargs.created;
        if (name === "pre_delete" || name === "post_delete") Object.assign(event, { using: kwargs.using, origin: show_value(kwargs.origin) });
      }
      w.events.push(event);
    };
    const signals: [string, Signal][] = [["pre_init", pre_init], ["post_init", post_init], ["pre_save", pre_save], ["post_save", post_save], ["pre_delete", pre_delete], ["post_delete", post_delete]];
    for (const cls of classes.values()) for (const [name, signal] of signals) signal.connect(record(name), { sender: cls, weak: false, dispatch_uid: `conformance-${name}-${cls.name}` });
    return w;
  })();
  return world;
}

function decode_fields(fields: Record<string, Json> | undefined, refs: Map<string, any>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, v && typeof v === "object" && "$ref" in v ? refs.get(v.$ref) : v]));
}

/** One op → its result (undefined when the op has none). */
function run_op(op: Json, w: World, refs: Map<string, any>): unknown {
  const model = op.model ? w.classes.get(op.model)! : null;
  switch (op.op) {
    case "create":
      refs.set(op.as, model!.objects.create(decode_fields(op.fields, refs)));
      return undefined;
    case "instantiate":
      refs.set(op.as, new model!(decode_fields(op.fields, refs)));
      return undefined;
    case "save": {
      const obj = refs.get(op.ref);
      Object.assign(obj, decode_fields(op.set, refs));
      obj.save(op.update_fields ? { update_fields: op.update_fields } : {});
      return undefined;
    }
    case "delete":
      return refs.get(op.ref).delete();
    case "get":
      refs.set(op.as, model!.objects.get({ pk: op.pk }));
      return undefined;
    case "list":
      return model!.objects.all().list().map((o: any) => o.pk);
    case "refresh":
      refs.get(op.ref).refresh_from_db();
      return undefined;
    case "qs_delete":
      return (op.pks ? model!.objects.filter({ pk__in: op.pks }) : model!.objects.all()).delete();
    case "qs_update":
      return model!.objects.update(decode_fields(op.set, refs));
    case "bulk_create":
      return model!.objects.bulk_create(op.objects.map((f: Json) => new model!(decode_fields(f, refs)))).length;
  }
  throw new Error(`unknown model op ${op.op}`);
}

export async function replay_model_case(c: CorpusCase): Promise<CaseResult> {
  const w = await prepare_world();
  await open_database(w.image);
  const refs = new Map<string, any>();
  const steps: Json[] = [];
  try {
    for (const op of c.input.ops) {
      w.events = [];
      const step: Json = {};
      try {
        const result = run_op(op, w, refs);
        step.events = w.events;
        if (result !== undefined) step.result = result;
      } catch (e) {
        const err = e as Error;
        Object.assign(step, { error: err.constructor.name, message: err.message, events: w.events });
      }
      steps.push(step);
    }
  } finally {
    connection.close();
  }
  return expect_equal({ steps }, c.expect);
}
