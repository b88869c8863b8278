/**
 * django.db.models.fields.related: relation fields → a column pointing at another model (ForeignKey,
 * OneToOneField) or a join table (ManyToManyField), plus the reverse side on the target model.
 *
 *     author: new models.ForeignKey("Author", { on_delete: models.CASCADE, related_name: "books" })
 *     // column "author_id" integer NOT NULL REFERENCES "library_author" ("id") DEFERRABLE INITIALLY DEFERRED
 *     // book.author (forward descriptor), book.author_id, author.books (reverse related manager)
 *
 * The target may be a class or a string ("Author", "library.Author", "self"); strings resolve when
 * the target model is registered (Django's `lazy_related_operation`). Each relation field has a
 * `remote_field`: a ManyToOneRel / OneToOneRel / ManyToManyRel describing the reverse side.
 */
import { TypeError as PyTypeError, ValueError } from "../../../../python/builtins";
import type { Apps } from "../../../apps/registry";
import { Field, NOT_PROVIDED, type ConnectionLike, type Deconstructed, type FieldOptions, type ModelLike } from "./index";
import { class_lookup } from "../query_utils";

export const RECURSIVE_RELATIONSHIP_CONSTANT = "self";

/** An on_delete handler: `CASCADE`, `PROTECT`, … (deletion.ts defines them). */
export type OnDelete = ((collector: any, field: any, sub_objs: any, using: string) => void) & { deconstruct?: () => unknown; lazy_sub_objs?: boolean };

export type RelationTarget = string | ModelLike;

// --- lazy resolution of string targets ---------------------------------------------------------

/** Run `fn(model)` once `app_label.model_name` is registered in `apps` (now, if it already is). */
export function lazy_model_operation(apps: Apps, key: string, fn: (model: ModelLike) => void): void {
  apps.lazy_model_operation(fn as never, key);
}

/** "Author" / "library.Author" / "self" / a class → "app_label.model_name" (Django's resolve_relation). */
export function resolve_relation(scope_model: ModelLike, relation: RelationTarget): string | ModelLike {
  if (relation === RECURSIVE_RELATIONSHIP_CONSTANT) return scope_model;
  if (typeof relation !== "string") return relation;
  const label = relation.includes(".") ? relation : `${scope_model._meta.app_label}.${relation}`;
  const [app, name] = label.split(".");
  return `${app}.${name.toLowerCase()}`;
}

function lazy_related_operation(cls: ModelLike, to: RelationTarget, fn: (model: ModelLike) => void): void {
  const resolved = resolve_relation(cls, to);
  if (typeof resolved !== "string") return fn(resolved);
  lazy_model_operation(cls._meta.apps, resolved, fn);
}

// --- the reverse side --------------------------------------------------------------------------

/** What sits on the target model for a relation (Django's ForeignObjectRel). */
export class ForeignObjectRel {
  readonly is_relation = true;
  readonly auto_created = true;
  readonly concrete = false;
  readonly editable = false;
  readonly empty_strings_allowed = false;
  readonly null = true;
  many_to_many = false;
  many_to_one = false;
  one_to_many = false;
  one_to_one = false;
  multiple = true;
  symmetrical = false;
  through: any = null;
  through_fields: string[] | null = null;
  db_constraint = true;

  constructor(
    public field: RelatedField,
    public model: RelationTarget,
    public related_name: string | null = null,
    public related_query_name: string | null = null,
    public limit_choices_to: unknown = null,
    public parent_link = false,
    public on_delete: OnDelete | null = null,
  ) {}

  /** The related query name: what `filter(books__...)` uses. */
  get name(): string {
    return this.field.related_query_name();
  }

  get attname(): string {
    return this.name;
  }

  /** The model that holds the field (Book for Author.books). */
  get related_model(): ModelLike {
    return this.field.model;
  }

  get remote_field(): RelatedField {
    return this.field;
  }

  get target_field(): Field {
    const target = this.get_path_info_target();
    return target;
  }

  private get_path_info_target(): Field {
    return this.field.foreign_related_fields[0];
  }

  get hidden(): boolean {
    return this.is_hidden();
  }

  /** A related_name ending in "+" hides the reverse accessor and query name. */
  is_hidden(): boolean {
    return Boolean(this.related_name && this.related_name.endsWith("+"));
  }

  /** `author.books`: the attribute on the target's instances. */
  get_accessor_name(model?: ModelLike): string | null {
    const opts = (model ?? this.model as ModelLike)._meta;
    if (this.symmetrical && model === this.field.model) return null;
    if (this.related_name) return this.related_name;
    return opts && this.multiple ? `${this.field.model._meta.model_name}_set` : this.field.model._meta.model_name;
  }

  /** Cache name for a reverse one-to-one. */
  get_cache_name(): string {
    return this.get_accessor_name() ?? this.name;
  }

  get_lookup(name: string): any {
    return this.field.get_lookup(name);
  }

  get_transform(name: string): any {
    return this.field.get_transform(name);
  }

  get_lookups(): string[] {
    return this.field.get_lookups();
  }

  /** A value compared with the relation (`books__in=[1, "9"]`) is the related model's primary key. */
  get_prep_value(value: unknown): unknown {
    return (this.related_model as any)._meta.pk.get_prep_value(value);
  }

  get_db_prep_value(value: unknown, connection: unknown, prepared = false): unknown {
    return (this.related_model as any)._meta.pk.get_db_prep_value(value, connection, prepared);
  }

  get_internal_type(): string {
    return this.field.get_internal_type();
  }

  toString(): string {
    return `<${this.constructor.name}: ${(this.model as ModelLike)._meta?.label_lower}.${this.name}>`;
  }
}

export class ManyToOneRel extends ForeignObjectRel {
  override many_to_one = false;
  override one_to_many = true;
  constructor(field: RelatedField, to: RelationTarget, public field_name: string | null, related_name: string | null, related_query_name: string | null, limit_choices_to: unknown, parent_link: boolean, on_delete: OnDelete | null) {
    super(field, to, related_name, related_query_name, limit_choices_to, parent_link, on_delete);
  }

  /** The field on the target that the FK points at (its pk unless to_field). */
  get_related_field(): Field {
    return this.field.target_field;
  }
}

export class OneToOneRel extends ManyToOneRel {
  override one_to_many = false;
  override one_to_one = true;
  override multiple = false;
}

export class ManyToManyRel extends ForeignObjectRel {
  override many_to_many = true;
  field_name: string | null = null;
  constructor(field: RelatedField, to: RelationTarget, related_name: string | null, related_query_name: string | null, limit_choices_to: unknown, symmetrical: boolean, through: unknown, through_fields: string[] | null, db_constraint: boolean) {
    super(field, to, related_name, related_query_name, limit_choices_to);
    this.symmetrical = symmetrical;
    this.through = through ?? null;
    this.through_fields = through_fields;
    this.db_constraint = db_constraint;
  }
}

// --- the relation fields -----------------------------------------------------------------------

export interface RelatedFieldOptions extends FieldOptions {
  related_name?: string | null;
  related_query_name?: string | null;
  limit_choices_to?: unknown;
  db_constraint?: boolean;
}

export interface ForeignKeyOptions extends RelatedFieldOptions {
  on_delete: OnDelete;
  to_field?: string | null;
  parent_link?: boolean;
}

/** Installed by related_descriptors.ts: put accessors on the model classes. */
export const DESCRIPTOR_HOOKS: {
  forward?: (field: RelatedField, cls: ModelLike) => void;
  reverse?: (rel: ForeignObjectRel, related: ModelLike) => void;
  m2m?: (field: ManyToManyField, cls: ModelLike) => void;
  m2m_reverse?: (rel: ManyToManyRel, related: ModelLike) => void;
} = {};

export abstract class RelatedField extends Field {
  declare remote_field: ForeignObjectRel;
  override is_relation = true;
  _related_name: string | null;
  _related_query_name: string | null;
  db_constraint: boolean;

  constructor(options: RelatedFieldOptions) {
    super(options);
    this._related_name = options.related_name ?? null;
    this._related_query_name = options.related_query_name ?? null;
    this.db_constraint = options.db_constraint ?? true;
  }

  override get related_model(): ModelLike {
    return this.remote_field.model as ModelLike;
  }

  /** `filter(<this>__...)` from the other side: related_query_name, related_name or model name. */
  related_query_name(): string {
    return this.remote_field.related_query_name || this.remote_field.related_name || this.model._meta.model_name;
  }

  override contribute_to_class(cls: ModelLike, name: string, private_only = false): void {
    super.contribute_to_class(cls, name, private_only);
    if (!this.remote_field.related_name && cls._meta.default_related_name)
      this.remote_field.related_name = cls._meta.default_related_name.replace("%(class)s", cls._meta.model_name).replace("%(app_label)s", cls._meta.app_label);
    lazy_related_operation(cls, this.remote_field.model, (related) => {
      this.remote_field.model = related;
      this.do_related_class(related, cls);
    });
  }

  /** Once the target is known: the reverse accessor on the target class. */
  do_related_class(related: ModelLike, _cls: ModelLike): void {
    if (!this.remote_field.is_hidden() && !related._meta.abstract) this.contribute_to_related_class(related, this.remote_field);
  }

  contribute_to_related_class(related: ModelLike, rel: ForeignObjectRel): void {
    DESCRIPTOR_HOOKS.reverse?.(rel, related);
  }

  /** The target's fields this relation's columns point at. */
  get foreign_related_fields(): Field[] {
    return [this.target_field];
  }

  override get_lookup(lookup_name: string): any {
    return class_lookup(RelatedField, lookup_name) ?? class_lookup(this.constructor, lookup_name) ?? null;
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    if (this._related_name !== null) d[3].related_name = this._related_name;
    if (this._related_query_name !== null) d[3].related_query_name = this._related_query_name;
    if (!this.db_constraint) d[3].db_constraint = false;
    const to = this.remote_field.model;
    d[3].to = typeof to === "string" ? (to.includes(".") ? `${to.split(".")[0]}.${to.split(".")[1].toLowerCase()}` : to.toLowerCase()) : to._meta.label_lower;
    return d;
  }
}

/** A many-to-one relation stored in `<name>_id`. */
/** The lookups a relation answers, in Django's registration order (RelatedIn, RelatedExact, …). */
const RELATED_LOOKUPS = ["in", "exact", "lt", "gt", "gte", "lte", "isnull"];

/** A lookup registered on ForeignKey itself or a subclass (`ForeignKey.register_lookup(...)`). */
function registered_below_foreign_key(field: Field, name: string): boolean {
  for (let c: any = field.constructor; c && c !== RelatedField; c = Object.getPrototypeOf(c))
    if (Object.prototype.hasOwnProperty.call(c, "class_lookups") && c.class_lookups.has(name)) return true;
  return false;
}

export class ForeignKey extends RelatedField {
  declare remote_field: ManyToOneRel;
  override many_to_one = true;
  override one_to_many = false;
  override one_to_one = false;
  override many_to_many = false;
  override empty_strings_allowed = false;
  to_field: string | null;
  static rel_class: typeof ManyToOneRel = ManyToOneRel;

  constructor(to: RelationTarget, options: ForeignKeyOptions) {
    if (typeof to !== "string" && typeof to !== "function")
      throw new PyTypeError(`ForeignKey(${String(to)}) is invalid. First parameter to ForeignKey must be either a model, a model name, or the string 'self'`);
    if (typeof options?.on_delete !== "function") throw new PyTypeError("on_delete must be callable.");
    super({ db_index: true, ...options });
    this._constructor_options = { ...options };
    this.to_field = options.to_field ?? null;
    const rel_class = (this.constructor as typeof ForeignKey).rel_class;
    this.remote_field = new rel_class(this, to, this.to_field, options.related_name ?? null, options.related_query_name ?? null, options.limit_choices_to ?? null, options.parent_link ?? false, options.on_delete);
  }

  override get_attname(): string {
    return `${this.name}_id`;
  }

  override get_internal_type(): string {
    return "ForeignKey";
  }

  /** The target's pk (or `to_field`). */
  override get target_field(): Field {
    const model = this.remote_field.model;
    if (typeof model === "string") throw new ValueError(`Related model '${model}' cannot be resolved`);
    return this.to_field ? model._meta.get_field(this.to_field) : model._meta.pk!;
  }

  /**
   * A ForeignKey answers only the related lookups (Django registers seven on ForeignObject and
   * leaves Field's out): `author__iexact` or `author__year` is a FieldError, not a LIKE on an id.
   */
  override get_lookup(lookup_name: string): any {
    return RELATED_LOOKUPS.includes(lookup_name) || registered_below_foreign_key(this, lookup_name) ? super.get_lookup(lookup_name) : null;
  }

  override get_transform(lookup_name: string): any {
    return registered_below_foreign_key(this, lookup_name) ? super.get_transform(lookup_name) : null;
  }

  override get_lookups(): string[] {
    return [...RELATED_LOOKUPS, ...super.get_lookups().filter((name) => registered_below_foreign_key(this, name))];
  }

  /** The column reads as the field it points at (`F("author")` is an AutoField named "id"), unless told otherwise. */
  override get_col(alias: string, output_field?: Field): any {
    let target: Field = output_field ?? this.target_field;
    while (!output_field && target instanceof ForeignKey) {
      target = target.target_field;
      if (target === this) throw new ValueError("Cannot resolve output_field.");
    }
    return super.get_col(alias, target);
  }

  override contribute_to_class(cls: ModelLike, name: string, private_only = false): void {
    super.contribute_to_class(cls, name, private_only);
    DESCRIPTOR_HOOKS.forward?.(this, cls);
  }

  override db_type(connection?: ConnectionLike): string | null {
    return this.target_field.rel_db_type(connection);
  }

  override db_parameters(connection?: ConnectionLike): { type: string | null; check: string | null } {
    return { type: this.db_type(connection), check: this.db_check(connection) };
  }

  override db_check(_connection?: ConnectionLike): string | null {
    return null;
  }

  override get_prep_value(value: unknown): unknown {
    return this.target_field.get_prep_value(value);
  }

  override get_db_prep_value(value: unknown, connection?: ConnectionLike, prepared = false): unknown {
    return this.target_field.get_db_prep_value(value, connection, prepared);
  }

  override get_db_prep_save(value: unknown, connection?: ConnectionLike): unknown {
    if (value === "" || value === null || value === undefined) return null;
    return this.target_field.get_db_prep_save(value, connection);
  }

  override to_python(value: unknown): unknown {
    return this.target_field.to_python(value);
  }

  override get_default(): unknown {
    const value = super.get_default();
    if (value && typeof value === "object" && (value as any)._meta) return (value as any)[this.target_field.attname];
    return value;
  }

  override get_db_converters(connection?: ConnectionLike) {
    return this.target_field.get_db_converters(connection);
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    delete d[3].db_index;
    if (!this.db_index) d[3].db_index = false;
    d[3].on_delete = this.remote_field.on_delete;
    if (this.to_field) d[3].to_field = this.to_field;
    return [d[0], d[1], d[2], d[3]];
  }

  override clone(): Field {
    const [, , , kwargs] = this.deconstruct();
    const { to: _to, ...rest } = kwargs;
    const cls = this.constructor as new (to: RelationTarget, o: ForeignKeyOptions) => Field;
    return new cls(typeof this.remote_field.model === "string" ? this.remote_field.model : (this.remote_field.model as ModelLike), rest as unknown as ForeignKeyOptions);
  }
}

/** A ForeignKey with `unique=True`; the reverse side is a single object, not a manager. */
export class OneToOneField extends ForeignKey {
  override many_to_one = false;
  override one_to_one = true;
  static override rel_class = OneToOneRel;

  constructor(to: RelationTarget, options: ForeignKeyOptions) {
    super(to, { ...options, unique: true });
    this._constructor_options = { ...options };
  }

  override get_internal_type(): string {
    return "OneToOneField";
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    delete d[3].unique;
    return d;
  }
}

export interface ManyToManyFieldOptions extends RelatedFieldOptions {
  symmetrical?: boolean;
  through?: RelationTarget | null;
  through_fields?: string[] | null;
  db_table?: string | null;
}

/** Installed by base.ts: build the automatic through model (`create_many_to_many_intermediary_model`). */
export const THROUGH_FACTORY: { create?: (field: ManyToManyField, cls: ModelLike) => ModelLike } = {};

/** A many-to-many relation through a join table (automatic, or an explicit `through` model). */
export class ManyToManyField extends RelatedField {
  declare remote_field: ManyToManyRel;
  override many_to_many = true;
  override many_to_one = false;
  override one_to_many = false;
  override one_to_one = false;
  db_table: string | null;
  has_null_arg: boolean;

  constructor(to: RelationTarget, options: ManyToManyFieldOptions = {}) {
    super(options);
    this.has_null_arg = "null" in options;
    const symmetrical = options.symmetrical ?? to === RECURSIVE_RELATIONSHIP_CONSTANT;
    this.remote_field = new ManyToManyRel(this, to, options.related_name ?? null, options.related_query_name ?? null, options.limit_choices_to ?? null, symmetrical, options.through ?? null, options.through_fields ?? null, options.db_constraint ?? true);
    this.db_table = options.db_table ?? null;
  }

  override get_attname_column(): [string, string] {
    return [this.get_attname(), null as unknown as string];
  }

  override set_attributes_from_name(name: string): void {
    super.set_attributes_from_name(name);
    this.concrete = false;
  }

  override get_internal_type(): string {
    return "ManyToManyField";
  }

  override db_type(): string | null {
    return null;
  }

  override get target_field(): Field {
    return (this.remote_field.model as ModelLike)._meta.pk!;
  }

  override contribute_to_class(cls: ModelLike, name: string, private_only = false): void {
    // A symmetrical self relation hides its reverse side: "<name>_rel_+".
    if (this.remote_field.symmetrical && (this.remote_field.model === RECURSIVE_RELATIONSHIP_CONSTANT || this.remote_field.model === cls._meta.object_name))
      this.remote_field.related_name = `${name}_rel_+`;
    super.contribute_to_class(cls, name, private_only);
    if (!cls._meta.abstract) {
      if (this.remote_field.through) {
        lazy_related_operation(cls, this.remote_field.through, (through) => {
          this.remote_field.through = through;
        });
      } else if (THROUGH_FACTORY.create) {
        this.remote_field.through = THROUGH_FACTORY.create(this, cls);
      }
    }
    DESCRIPTOR_HOOKS.m2m?.(this, cls);
  }

  override contribute_to_related_class(related: ModelLike, rel: ForeignObjectRel): void {
    DESCRIPTOR_HOOKS.m2m_reverse?.(rel as ManyToManyRel, related);
  }

  /** The join table name: through's table (`library_book_tags`). */
  m2m_db_table(): string {
    return (this.remote_field.through as ModelLike)._meta.db_table;
  }

  /** On the through model: the FK pointing at the source model (`book`, or `from_post`). */
  m2m_field_name(): string {
    return this._through_fk(true).name;
  }

  /** On the through model: the FK pointing at the target model (`tag`, or `to_post`). */
  m2m_reverse_field_name(): string {
    return this._through_fk(false).name;
  }

  m2m_column_name(): string {
    return this._through_fk(true).column;
  }

  m2m_reverse_name(): string {
    return this._through_fk(false).column;
  }

  /** Find the through model's FK to the source (`source=true`) or to the target. */
  _through_fk(source: boolean): ForeignKey {
    const through = this.remote_field.through as ModelLike;
    const tf = this.remote_field.through_fields;
    if (tf) return through._meta.get_field(source ? tf[0] : tf[1]) as ForeignKey;
    const fks = through._meta.fields.filter((f: Field) => f instanceof ForeignKey) as ForeignKey[];
    const target = this.remote_field.model as ModelLike;
    if (target === this.model) {
      const [a, b] = fks.filter((f) => f.remote_field.model === this.model);
      return (source ? a : b) ?? a;
    }
    return fks.find((f) => f.remote_field.model === (source ? this.model : target))!;
  }

  override get_lookup(lookup_name: string): any {
    return super.get_lookup(lookup_name);
  }

  override deconstruct(): Deconstructed {
    const d = super.deconstruct();
    delete d[3].db_index;
    if (this.db_table) d[3].db_table = this.db_table;
    const through = this.remote_field.through;
    if (through && !(typeof through !== "string" && through._meta.auto_created)) d[3].through = typeof through === "string" ? through : through._meta.label;
    if (this.remote_field.related_name?.endsWith("_rel_+") && !this._related_name) delete d[3].related_name;
    return d;
  }

  override clone(): Field {
    const [, , , kwargs] = this.deconstruct();
    const { to: _to, ...rest } = kwargs;
    const target = typeof this.remote_field.model === "string" ? this.remote_field.model : (this.remote_field.model as ModelLike);
    return new ManyToManyField(target, rest as ManyToManyFieldOptions);
  }

  override has_default(): boolean {
    return this.default !== NOT_PROVIDED;
  }
}
