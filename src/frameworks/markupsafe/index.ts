/**
 * markupsafe: text → HTML-safe text. `escape(s)` turns `& < > ' "` into entities and returns a
 * `Markup`; a `Markup` is text already safe for HTML, which escaping leaves alone.
 *
 * Python's `Markup` is a `str` subclass. Here it is a `String` subclass (as Django's SafeString):
 * it prints and compares like its text, and `instanceof Markup` (or any object with `__html__()`)
 * tells escaping not to touch it again. Operations that combine Markup with plain text escape the
 * plain text first, as MarkupSafe's `__add__`, `join` and `format` do.
 *
 *   escape("<b>Tom & 'Jerry'</b>")        // Markup('&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;')
 *   new Markup("<b>").join(["<a>", "x"])  // Markup('&lt;a&gt;<b>x')
 *   new Markup("<p>a  <i>b</i></p>").striptags()   // 'a b'
 */
import { py_repr } from "../python/builtins";
import { py_str } from "../python/operator";

/** Anything with `__html__()` is HTML already (Markup, Django's SafeString, user classes). */
export interface HasHTML {
  __html__(): unknown;
}

export function has_html(value: unknown): value is HasHTML {
  return value !== null && typeof value === "object" && typeof (value as { __html__?: unknown }).__html__ === "function";
}

/**
 * The five replacements of `markupsafe.escape` on plain text (no Markup allocated), in one scan
 * (markupsafe's C speedup does the same; a regex replace with a callback was twice as slow).
 */
export function escape_text(s: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let entity: string;
    switch (s.charCodeAt(i)) {
      case 38: // &
        entity = "&amp;";
        break;
      case 60: // <
        entity = "&lt;";
        break;
      case 62: // >
        entity = "&gt;";
        break;
      case 39: // '
        entity = "&#39;";
        break;
      case 34: // "
        entity = "&#34;";
        break;
      default:
        continue;
    }
    if (last !== i) out += s.slice(last, i);
    out += entity;
    last = i + 1;
  }
  if (last === 0) return s;
  return last < s.length ? out + s.slice(last) : out;
}

/** A string that is safe to insert into HTML without escaping. */
export class Markup extends String implements HasHTML {
  constructor(base: unknown = "") {
    super(has_html(base) ? String(base.__html__()) : py_str(base));
  }

  __html__(): Markup {
    return this;
  }

  /** `Markup.escape(s)`: escape and always return a Markup. */
  static escape(s: unknown): Markup {
    return escape(s);
  }

  /** `Markup + other`: the other side is escaped first. */
  add(other: unknown): Markup {
    return new Markup(this.valueOf() + escape(other).valueOf());
  }

  /** `Markup % args`: arguments are escaped before formatting (see python/format for the rest). */
  join(seq: Iterable<unknown>): Markup {
    const parts: string[] = [];
    for (const item of seq) parts.push(escape(item).valueOf());
    return new Markup(parts.join(this.valueOf()));
  }

  /** Remove tags, collapse whitespace, then unescape entities: the text a reader would see. */
  striptags(): string {
    let value = this.valueOf();
    // Comments first, then tags; each scan is a single linear pass.
    value = remove_between(value, "<!--", "-->");
    value = remove_tags(value);
    value = value.split(/\s+/).filter(Boolean).join(" ");
    return new Markup(value).unescape();
  }

  /** Convert entities back to characters: the text without its HTML escaping. */
  unescape(): string {
    return html_unescape(this.valueOf());
  }

  __repr__(): string {
    return `Markup(${py_repr(this.valueOf())})`;
  }
}

function remove_between(text: string, open: string, close: string): string {
  let out = "";
  let pos = 0;
  for (;;) {
    const start = text.indexOf(open, pos);
    if (start < 0) break;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) break;
    out += text.slice(pos, start);
    pos = end + close.length;
  }
  return out + text.slice(pos);
}

/** MarkupSafe strips `<` + letter/`/`/`!` … `>`; a bare `<` not starting a tag stays. */
function remove_tags(text: string): string {
  let out = "";
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) break;
    const next = text[lt + 1] ?? "";
    const gt = text.indexOf(">", lt + 1);
    if (gt < 0 || !/[A-Za-z/!?]/.test(next)) {
      out += text.slice(pos, lt + 1);
      pos = lt + 1;
      continue;
    }
    out += text.slice(pos, lt);
    pos = gt + 1;
  }
  return out + text.slice(pos);
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", middot: "\u00b7", copy: "\u00a9", reg: "\u00ae", hellip: "\u2026", mdash: "\u2014", ndash: "\u2013", laquo: "\u00ab", raquo: "\u00bb" };

/** Python's `html.unescape` for the entities templates meet (numeric ones and the common names). */
export function html_unescape(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    const named = NAMED_ENTITIES[body];
    return named ?? whole;
  });
}

/** `escape(s)`: Markup of the escaped text; objects with `__html__` are trusted as they are. */
export function escape(s: unknown): Markup {
  if (s instanceof Markup) return s;
  if (has_html(s)) return new Markup(s.__html__());
  return new Markup(escape_text(py_str(s)));
}

/** `escape_silent(s)`: like escape, but None becomes an empty Markup. */
export function escape_silent(s: unknown): Markup {
  return s === null || s === undefined ? new Markup("") : escape(s);
}

/** `soft_str(s)`: `str(s)` unless s is already a string (a Markup stays a Markup). */
export function soft_str(s: unknown): string | Markup {
  if (typeof s === "string" || s instanceof String) return s as string | Markup;
  return py_str(s);
}
