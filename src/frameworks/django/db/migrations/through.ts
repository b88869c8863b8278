/**
 * The auto-created through model of a many-to-many field, as migrations render it: `Book.tags` →
 * model `Book_tags`, table `library_book_tags`, columns `id`, `book_id`, `tag_id`, and
 * `unique_together = [["book", "tag"]]` (a ManyToManyField to "self" uses `from_post` and `to_post`).
 * Django builds it in `create_many_to_many_intermediary_model`; the schema editor creates its table
 * right after the owner's.
 */
import { AutoField } from "../models/fields";
import type { SchemaField, SchemaModel, SchemaRemoteField } from "../backends/base/schema";
import { build_model, type StateModel } from "./state";

/** One side of a through table: a ForeignKey with CASCADE, indexed, pointing at a rendered model. */
export class ThroughForeignKey implements SchemaField {
  name = "";
  attname = "";
  column = "";
  null = false;
  blank = false;
  primary_key = false;
  unique = false;
  db_index = true;
  many_to_many = false;
  is_relation = true;
  concrete = true;
  db_constraint = true;
  empty_strings_allowed = false;
  remote_field: SchemaRemoteField;

  constructor(to: SchemaModel, related_name: string) {
    this.remote_field = { model: to, field_name: to._meta.pk?.name ?? "id", on_delete: "CASCADE", related_name };
  }

  get_internal_type(): string {
    return "ForeignKey";
  }

  has_default(): boolean {
    return false;
  }

  get_default(): unknown {
    return null;
  }

  deconstruct(): [string | null, string, unknown[], Record<string, unknown>] {
    return [this.name, "django.db.models.ForeignKey", [], { on_delete: "CASCADE", to: (this.remote_field.model as SchemaModel)._meta.object_name }];
  }

  clone(): SchemaField {
    return Object.assign(Object.create(ThroughForeignKey.prototype), this) as SchemaField;
  }
}

/** The through model `<Model>_<field>` for `field` on `model`, pointing at `target`. */
export function auto_through_model(model: SchemaModel, field: SchemaField, target: SchemaModel): StateModel {
  const meta = model._meta;
  const name = `${meta.object_name}_${field.name}`;
  const to = target._meta.model_name;
  const from = meta.model_name;
  const [from_name, to_name] = to === from ? [`from_${from}`, `to_${to}`] : [from, to];
  const id = new AutoField({ primary_key: true, auto_created: true, serialize: false, verbose_name: "ID" });
  return build_model({
    app_label: meta.app_label,
    name,
    db_table: `${meta.db_table}_${field.name}`,
    fields: [
      ["id", id as unknown as SchemaField],
      [from_name, new ThroughForeignKey(model, `${name}+`)],
      [to_name, new ThroughForeignKey(target, `${name}+`)],
    ],
    unique_together: [[from_name, to_name]],
    auto_created: model,
  });
}
