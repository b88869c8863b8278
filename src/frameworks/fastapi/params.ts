/**
 * fastapi.params: the classes behind the markers a handler's signature uses — where a
 * parameter comes from (`Path`, `Query`, `Header`, `Cookie`: subclasses of `Param`, each with
 * its `in_`; `Body` and `Form`), and what it depends on (`Depends`, `Security`). Each is a
 * Pydantic `FieldInfo`, so its annotation, default, alias and constraints (`gt`, `max_length`…)
 * are what Pydantic validates with; FastAPI adds `in_`, `include_in_schema`, `embed`,
 * `media_type`, `convert_underscores`. The functions learners call (`Query(t.int, {...})`) are
 * in param_functions.ts. Main classes: `Param`, `Body`, `Depends`.
 */
import { FieldInfo, PydanticUndefined, type FieldOptions } from "../pydantic/fields";
import type { Annotation } from "../python/typing";

/** `ParamTypes`: the value is the first element of an error's `loc` (`["query", "q"]`). */
export enum ParamTypes {
  query = "query",
  header = "header",
  path = "path",
  cookie = "cookie",
}

export interface ParamOptions extends FieldOptions {
  include_in_schema?: boolean;
  openapi_examples?: Record<string, unknown> | null;
}

/** A request parameter read from the path, the query string, a header or a cookie. */
export class Param<A = Annotation> extends FieldInfo<A> {
  in_!: ParamTypes;
  include_in_schema = true;
  openapi_examples: Record<string, unknown> | null = null;

  constructor(annotation: A, options: ParamOptions = {}) {
    const { include_in_schema, openapi_examples, ...field } = options;
    super(annotation, field);
    if (include_in_schema !== undefined) this.include_in_schema = include_in_schema;
    if (openapi_examples !== undefined) this.openapi_examples = openapi_examples;
  }

  override __repr__(): string {
    return `${this.constructor.name}(${this.default === PydanticUndefined ? "PydanticUndefined" : String(this.default)})`;
  }
}

export class Path<A = Annotation> extends Param<A> {
  override in_ = ParamTypes.path;
}

export class Query<A = Annotation> extends Param<A> {
  override in_ = ParamTypes.query;
}

export class Header<A = Annotation> extends Param<A> {
  override in_ = ParamTypes.header;
  /** `user_agent` is read from the `user-agent` header unless this is false. */
  convert_underscores = true;

  constructor(annotation: A, options: ParamOptions & { convert_underscores?: boolean } = {}) {
    const { convert_underscores, ...rest } = options;
    super(annotation, rest);
    if (convert_underscores !== undefined) this.convert_underscores = convert_underscores;
  }
}

export class Cookie<A = Annotation> extends Param<A> {
  override in_ = ParamTypes.cookie;
}

export interface BodyOptions extends ParamOptions {
  /** Expect `{"item": {...}}` rather than the model's fields at the top level of the body. */
  embed?: boolean | null;
  media_type?: string;
}

/** A parameter read from the request body (JSON by default). */
export class Body<A = Annotation> extends FieldInfo<A> {
  embed: boolean | null = null;
  media_type = "application/json";
  include_in_schema = true;
  openapi_examples: Record<string, unknown> | null = null;

  constructor(annotation: A, options: BodyOptions = {}) {
    const { embed, media_type, include_in_schema, openapi_examples, ...field } = options;
    super(annotation, field);
    if (embed !== undefined) this.embed = embed;
    if (media_type !== undefined) this.media_type = media_type;
    if (include_in_schema !== undefined) this.include_in_schema = include_in_schema;
    if (openapi_examples !== undefined) this.openapi_examples = openapi_examples;
  }

  override __repr__(): string {
    return `${this.constructor.name}(${this.default === PydanticUndefined ? "PydanticUndefined" : String(this.default)})`;
  }
}

/** A field of an `application/x-www-form-urlencoded` (or multipart) body. */
export class Form<A = Annotation> extends Body<A> {
  constructor(annotation: A, options: BodyOptions = {}) {
    super(annotation, { media_type: "application/x-www-form-urlencoded", ...options });
  }
}

/** A file of a `multipart/form-data` body (`bytes`, or an `UploadFile`). */
export class File<A = Annotation> extends Form<A> {
  constructor(annotation: A, options: BodyOptions = {}) {
    super(annotation, { media_type: "multipart/form-data", ...options });
  }
}

/** `Depends(dependency, use_cache=True, scope=None)`: call `dependency` and pass its result. */
export class Depends {
  constructor(
    readonly dependency: ((...args: any[]) => unknown) | null = null,
    readonly use_cache = true,
    /** "function": cleaned up when the handler returns; "request" (yield's default): after the response. */
    readonly scope: "function" | "request" | null = null,
  ) {}

  /** Where `Depends(...)` was written (user code), for the trace: the fallback source of a dependency declared without `signature()`. */
  source: string | null = null;

  __repr__(): string {
    const name = this.dependency?.name ?? "";
    return `${this.constructor.name}(${name}${this.use_cache ? "" : ", use_cache=False"})`;
  }
}

/** `Security(dependency, scopes=[...])`: a Depends that also declares OAuth2 scopes. */
export class Security extends Depends {
  constructor(
    dependency: ((...args: any[]) => unknown) | null = null,
    use_cache = true,
    scope: "function" | "request" | null = null,
    readonly scopes: string[] | null = null,
  ) {
    super(dependency, use_cache, scope);
  }
}
