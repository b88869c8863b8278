/**
 * flask.json.tag: JSON that keeps Python types — how Flask stores the session in its cookie. Main
 * class: `TaggedJSONSerializer`.
 *
 * JSON has no tuple, bytes, Markup, UUID or datetime; the serializer wraps each in a one-key
 * object whose key is a tag starting with a space (a key no one writes by hand): a tuple
 * `["a", 1]` becomes `{" t": ["a", 1]}`, bytes `{" b": base64}`, Markup `{" m": html}`, a UUID
 * `{" u": hex}`, a datetime `{" d": http-date}`; a dict that happens to have a single key that
 * looks like a tag is escaped as `{" di": {"<key>__": value}}`. Loading reverses each tag.
 *
 *     session_json_serializer.dumps({ flashes: py_tuple("message", "Hi") })
 *     // '{"flashes":{" t":["message","Hi"]}}'
 */
import { KeyError, PyTuple, py_tuple } from "../../python/builtins";
import { b64decode, b64encode } from "../../python/base64";
import { datetime } from "../../python/datetime";
import { UUID } from "../../python/uuid";
import { Markup } from "../../markupsafe";
import { http_date, parse_date } from "../../werkzeug/http";
import { dumps, loads } from "./index";

function is_dict(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** `JSONTag(serializer)`: one tagged type — `check`, `to_json`, `to_python`, and its `key`. */
export class JSONTag {
  static key = "";
  constructor(readonly serializer: TaggedJSONSerializer) {}
  get key(): string {
    return (this.constructor as typeof JSONTag).key;
  }
  check(_value: unknown): boolean {
    return false;
  }
  to_json(value: unknown): unknown {
    return value;
  }
  to_python(value: unknown): unknown {
    return value;
  }
  /** `{key: to_json(value)}` */
  tag(value: unknown): unknown {
    return { [this.key]: this.to_json(value) };
  }
}

/** A dict with one key that is a tag name: escape that key. */
export class TagDict extends JSONTag {
  static override key = " di";
  override check(value: unknown): boolean {
    return is_dict(value) && Object.keys(value).length === 1 && this.serializer.tags.has(Object.keys(value)[0]);
  }
  override to_json(value: Record<string, unknown>): unknown {
    const key = Object.keys(value)[0];
    return { [`${key}__`]: this.serializer.tag(value[key]) };
  }
  override to_python(value: Record<string, unknown>): unknown {
    const key = Object.keys(value)[0];
    return { [key.slice(0, -2)]: value[key] };
  }
}

/** Any other dict: tag its values. */
export class PassDict extends JSONTag {
  override check(value: unknown): boolean {
    return is_dict(value);
  }
  override to_json(value: Record<string, unknown>): unknown {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.serializer.tag(v);
    return out;
  }
  override tag(value: unknown): unknown {
    return this.to_json(value as Record<string, unknown>);
  }
}

export class TagTuple extends JSONTag {
  static override key = " t";
  override check(value: unknown): boolean {
    return value instanceof PyTuple;
  }
  override to_json(value: unknown[]): unknown {
    return [...value].map((item) => this.serializer.tag(item));
  }
  override to_python(value: unknown[]): unknown {
    return py_tuple(...value);
  }
}

/** A list: tag its items. */
export class PassList extends JSONTag {
  override check(value: unknown): boolean {
    return Array.isArray(value) && !(value instanceof PyTuple);
  }
  override to_json(value: unknown[]): unknown {
    return value.map((item) => this.serializer.tag(item));
  }
  override tag(value: unknown): unknown {
    return this.to_json(value as unknown[]);
  }
}

export class TagBytes extends JSONTag {
  static override key = " b";
  override check(value: unknown): boolean {
    return value instanceof Uint8Array;
  }
  override to_json(value: Uint8Array): unknown {
    return b64encode(value);
  }
  override to_python(value: string): unknown {
    return b64decode(value);
  }
}

/** Anything with `__html__` (Markup). */
export class TagMarkup extends JSONTag {
  static override key = " m";
  override check(value: unknown): boolean {
    return value !== null && typeof value === "object" && typeof (value as { __html__?: unknown }).__html__ === "function";
  }
  override to_json(value: { __html__(): unknown }): unknown {
    return String(value.__html__());
  }
  override to_python(value: string): unknown {
    return new Markup(value);
  }
}

export class TagUUID extends JSONTag {
  static override key = " u";
  override check(value: unknown): boolean {
    return value instanceof UUID;
  }
  override to_json(value: UUID): unknown {
    return value.hex;
  }
  override to_python(value: string): unknown {
    return new UUID(value);
  }
}

export class TagDateTime extends JSONTag {
  static override key = " d";
  override check(value: unknown): boolean {
    return value instanceof datetime;
  }
  override to_json(value: datetime): unknown {
    return http_date(value);
  }
  override to_python(value: string): unknown {
    return parse_date(value);
  }
}

/** `TaggedJSONSerializer()`: the tags in order; the first whose `check` passes wins. */
export class TaggedJSONSerializer {
  static default_tags: (typeof JSONTag)[] = [TagDict, PassDict, TagTuple, PassList, TagBytes, TagMarkup, TagUUID, TagDateTime];
  readonly tags = new Map<string, JSONTag>();
  readonly order: JSONTag[] = [];

  constructor() {
    for (const cls of (this.constructor as typeof TaggedJSONSerializer).default_tags) this.register(cls);
  }

  /** `register(tag_class, force=False, index=None)` */
  register(tag_class: new (s: TaggedJSONSerializer) => JSONTag, force = false, index: number | null = null): void {
    const tag = new tag_class(this);
    const key = tag.key;
    if (key) {
      if (!force && this.tags.has(key)) throw new KeyError(`Tag '${key}' is already registered.`);
      this.tags.set(key, tag);
    }
    if (index === null) this.order.push(tag);
    else this.order.splice(index, 0, tag);
  }

  /** `tag(value)`: the value made JSON-safe with tags. */
  tag(value: unknown): unknown {
    for (const tag of this.order) if (tag.check(value)) return tag.tag(value);
    return value;
  }

  /** `untag(value)`: a one-key dict whose key is a tag becomes its Python value. */
  untag(value: Record<string, unknown>): unknown {
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const tag = this.tags.get(keys[0]);
    return tag ? tag.to_python(value[keys[0]]) : value;
  }

  _untag_scan(value: unknown): unknown {
    if (is_dict(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: this._untag_scan(v), enumerable: true, writable: true, configurable: true });
      return this.untag(out);
    }
    if (Array.isArray(value)) return value.map((item) => this._untag_scan(item));
    return value;
  }

  /** `dumps(value)`: tagged, compact JSON (through the app's JSON provider when there is an app). */
  dumps(value: unknown): string {
    return dumps(this.tag(value), { separators: [",", ":"] });
  }

  loads(value: string): unknown {
    return this._untag_scan(loads(value));
  }
}
