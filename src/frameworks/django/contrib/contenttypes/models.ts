/**
 * django.contrib.contenttypes.models: every installed model → one row of `django_content_type`
 * (`app_label`, `model`), so other tables (permissions, admin log entries, generic relations) can
 * point at "a model" with an ordinary foreign key. Main classes: `ContentType`, `ContentTypeManager`.
 *
 *   ContentType.objects.get_for_model(Post)         // <ContentType: Blog | post>, created if missing
 *   ct.model_class()                                // Post
 */
import { apps as global_apps } from "../../apps";
import { LookupError } from "../../../python/builtins";
import { Manager } from "../../db/models/manager";
import { Model, type ModelClass } from "../../db/models/base";
import { CharField } from "../../db/models/fields";

type Opts = { app_label: string; model_name: string; concrete_model: unknown };

export class ContentTypeManager extends Manager<ContentType> {
  use_in_migrations = true;
  /** db alias → "app_label.model" or id → ContentType, shared by every manager of the model. */
  static _cache = new Map<string, Map<string | number, ContentType>>();

  get_by_natural_key(app_label: string, model: string): ContentType {
    const cached = this.cache().get(`${app_label}.${model}`);
    if (cached) return cached;
    const ct = this.get({ app_label, model });
    this._add_to_cache(this.db, ct);
    return ct;
  }

  private cache(db: string = this.db): Map<string | number, ContentType> {
    let cache = ContentTypeManager._cache.get(db);
    if (!cache) ContentTypeManager._cache.set(db, (cache = new Map()));
    return cache;
  }

  get db(): string {
    return ((this as any)._db as string | null) ?? "default";
  }

  _get_opts(model: ModelClass, for_concrete_model: boolean): Opts {
    const opts = model._meta as unknown as Opts;
    return for_concrete_model ? ((opts.concrete_model as ModelClass)._meta as unknown as Opts) : opts;
  }

  /** The ContentType of a model class or instance, created on first use (concrete model by default). */
  get_for_model(model: ModelClass | Model, options: { for_concrete_model?: boolean } = {}): ContentType {
    const cls = (typeof model === "function" ? model : model.constructor) as ModelClass;
    const opts = this._get_opts(cls, options.for_concrete_model ?? true);
    const key = `${opts.app_label}.${opts.model_name}`;
    const cached = this.cache().get(key);
    if (cached) return cached;
    const [ct] = this.get_or_create({ app_label: opts.app_label, model: opts.model_name });
    this._add_to_cache(this.db, ct);
    return ct;
  }

  /** `get_for_models(*models)` → Map(model → ContentType). */
  get_for_models(models: ModelClass[], options: { for_concrete_models?: boolean } = {}): Map<ModelClass, ContentType> {
    return new Map(models.map((m) => [m, this.get_for_model(m, { for_concrete_model: options.for_concrete_models ?? true })]));
  }

  get_for_id(id: number): ContentType {
    const cached = this.cache().get(id);
    if (cached) return cached;
    const ct = this.get({ pk: id });
    this._add_to_cache(this.db, ct);
    return ct;
  }

  /** Forget cached rows (tests, and after a flush). */
  clear_cache(): void {
    ContentTypeManager._cache.clear();
  }

  _add_to_cache(using: string, ct: ContentType): void {
    const cache = this.cache(using);
    cache.set(`${ct.app_label}.${ct.model}`, ct);
    cache.set(ct.pk as number, ct);
  }
}

export class ContentType extends Model {
  static override fields = {
    app_label: new CharField({ max_length: 100 }),
    model: new CharField({ verbose_name: "python model class name", max_length: 100 }),
  };
  static override Meta: Record<string, unknown> = {
    app_label: "contenttypes",
    verbose_name: "content type",
    verbose_name_plural: "content types",
    db_table: "django_content_type",
    unique_together: [["app_label", "model"]],
  };
  declare app_label: string;
  declare model: string;

  override toString(): string {
    return this.app_labeled_name;
  }

  /** The model's verbose name, or the stored model name when the model is gone. */
  get name(): string {
    const model = this.model_class();
    return model ? String((model._meta as any).verbose_name) : this.model;
  }

  /** "Blog | post": the app's verbose name and the model's. */
  get app_labeled_name(): string {
    const model = this.model_class();
    if (!model) return this.model;
    const meta = model._meta as any;
    return `${meta.app_config?.verbose_name ?? global_apps.get_app_config(this.app_label).verbose_name} | ${meta.verbose_name}`;
  }

  /** The model class this row stands for, or null if it is not installed. */
  model_class(): ModelClass | null {
    try {
      return global_apps.get_model(this.app_label, this.model) as ModelClass;
    } catch (e) {
      if (e instanceof LookupError) return null;
      throw e;
    }
  }

  get_object_for_this_type(kwargs: Record<string, unknown>): Model {
    return (this.model_class() as any)._base_manager.using((this as any)._state.db).get(kwargs);
  }

  get_all_objects_for_this_type(kwargs: Record<string, unknown> = {}): unknown {
    return (this.model_class() as any)._base_manager.using((this as any)._state.db).filter(kwargs);
  }

  natural_key(): [string, string] {
    return [this.app_label, this.model];
  }
}
Object.defineProperty(ContentType, "objects", { value: new ContentTypeManager(), configurable: true, writable: true });
Object.defineProperty(ContentType, "__module__", { value: "django.contrib.contenttypes.models", configurable: true, writable: true });
