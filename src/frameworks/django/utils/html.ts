/**
 * django.utils.html: text → HTML-safe text, and text → small pieces of HTML.
 *
 * `escape` replaces the five characters that could open a tag or an attribute (`& < > " '`) with
 * entities, exactly as Django does (`'` → `&#x27;`). `conditional_escape` leaves SafeData alone;
 * `format_html` escapes its arguments, not its format string. The rest build the HTML the template
 * filters emit: `linebreaks` (paragraphs), `urlize` (links), `strip_tags`, `escapejs`,
 * `json_script` (a `<script type="application/json">` block that cannot close itself early).
 *
 * Unlike Django, `escape` returns a plain string (callers build pages with template literals);
 * wrap it in `mark_safe` where Django would hand on its SafeString.
 */
import { py_json_dumps, type JSONEncoder } from "../../python/json";
import { is_dict, py_str } from "../../python/operator";
import { parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit } from "../../python/urllib/parse";
import { DjangoJSONEncoder } from "../core/serializers/json";
import { mark_safe, SafeData, SafeString } from "./safestring";

/** `escape(text)`: `<b>` → `&lt;b&gt;`, always (even for already-escaped text). */
export function escape(text: unknown): string {
  // One pass over the text, copying the runs between the five characters (a regex replace with a
  // callback cost a call per character replaced; this is on every variable a template prints).
  const s = py_str(text);
  let out = "";
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let entity: string;
    switch (s.charCodeAt(i)) {
      case 38: entity = "&amp;"; break;
      case 60: entity = "&lt;"; break;
      case 62: entity = "&gt;"; break;
      case 34: entity = "&quot;"; break;
      case 39: entity = "&#x27;"; break;
      default: continue;
    }
    if (i > last) out += s.slice(last, i);
    out += entity;
    last = i + 1;
  }
  return last === 0 ? s : last < s.length ? out + s.slice(last) : out;
}

/** `conditional_escape(text)`: SafeData (or anything with `__html__`) stays; the rest is escaped. */
export function conditional_escape(text: unknown): SafeString {
  if (text instanceof SafeData) return mark_safe(text instanceof SafeString ? text : (text as { __html__(): unknown }).__html__());
  return mark_safe(escape(text));
}

/** Python's `str.format` for `{}`, `{0}` and `{name}` fields (and `{{`/`}}`). */
export function py_format(format_string: string, args: unknown[], kwargs: Record<string, unknown> = {}): string {
  let auto = 0;
  return format_string.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    const key = field ?? "";
    const value = key === "" ? args[auto++] : /^\d+$/.test(key) ? args[Number(key)] : kwargs[key];
    return py_str(value);
  });
}

/** `format_html("<a href='{}'>{}</a>", url, text)`: each argument conditionally escaped. */
export function format_html(format_string: string, ...args: unknown[]): SafeString {
  const last = args[args.length - 1];
  const kwargs = args.length && is_dict(last) ? (args.pop() as Record<string, unknown>) : {};
  const safe_kwargs = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, conditional_escape(v)]));
  return mark_safe(py_format(format_string, args.map(conditional_escape), safe_kwargs));
}

/** `format_html_join(sep, format_string, args_list)`: one format_html per item, joined. */
export function format_html_join(sep: string, format_string: string, args_list: Iterable<unknown[]>): SafeString {
  return mark_safe([...args_list].map((args) => format_html(format_string, ...args).valueOf()).join(conditional_escape(sep).valueOf()));
}

/** Characters that could end a JavaScript string or a <script> block, as \uXXXX escapes. */
function js_escape(ch: string): string {
  return "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

/** `escapejs(value)`: safe inside a JavaScript string literal (quotes, `<>&=-;\``, controls). */
export function escapejs(value: unknown): SafeString {
  return mark_safe(py_str(value).replace(/[\\'"<>&=\-;`\u2028\u2029\x00-\x1f]/g, js_escape));
}

/**
 * `json_script(value, element_id)`: the value as JSON (DjangoJSONEncoder) inside
 * `<script id="…" type="application/json">`, with `<`, `>` and `&` escaped so the data cannot
 * close the script element.
 */
export function json_script(value: unknown, element_id: string | null = null, encoder: (new (options?: object) => JSONEncoder) | null = null): SafeString {
  const json = py_json_dumps(value, { cls: encoder ?? DjangoJSONEncoder }).replace(/[<>&]/g, js_escape);
  if (element_id) return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(json));
  return format_html('<script type="application/json">{}</script>', mark_safe(json));
}

/** `\r\n` and `\r` → `\n`. */
export function normalize_newlines(text: unknown): string {
  return py_str(text).replace(/\r\n|\r/g, "\n");
}

/** `linebreaks(value)`: blank lines separate `<p>` paragraphs; single newlines become `<br>`. */
export function linebreaks(value: unknown, autoescape = false): string {
  const paras = normalize_newlines(value).split(/\n{2,}/);
  return paras.map((p) => `<p>${(autoescape ? escape(p) : p).replace(/\n/g, "<br>")}</p>`).join("\n\n");
}

/** `strip_tags(value)`: the text without anything that looks like a tag or a comment. */
export function strip_tags(value: unknown): string {
  let text = py_str(value);
  for (;;) {
    const stripped = text.replace(/<!--[\s\S]*?(-->|$)|<[a-zA-Z/!?][^>]*(>|$)/g, "");
    if (stripped === text || !stripped.includes("<")) return stripped;
    text = stripped;
  }
}

/** `avoid_wrapping(value)`: spaces → non-breaking spaces (`1.0 KB` stays on one line). */
export function avoid_wrapping(value: string): string {
  return value.replace(/ /g, "\u00a0");
}

const RFC3986_GENDELIMS = ":/?#[]@";
const RFC3986_SUBDELIMS = "!$&'()*+,;=";

/** Quote a URL if it isn't already quoted (each part unquoted then quoted again). */
export function smart_urlquote(url: string): string {
  const unquote_quote = (segment: string) => quote(unquote(segment), RFC3986_SUBDELIMS + RFC3986_GENDELIMS + "~");
  let parts;
  try {
    parts = urlsplit(url);
  } catch {
    return unquote_quote(url);
  }
  let query = parts.query;
  if (query) query = urlencode(parse_qsl(query, { keep_blank_values: true }).map(([k, v]) => [unquote(k), unquote(v)] as [string, string]));
  return urlunsplit([parts.scheme, unquote_quote(parts.netloc), unquote_quote(parts.path), query, unquote_quote(parts.fragment)]);
}

/** Minimal `html.unescape` for the entities urlize needs to see through. */
export function html_unescape(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, ent: string) => {
    if (ent[0] === "#") return String.fromCodePoint(ent[1].toLowerCase() === "x" ? parseInt(ent.slice(2), 16) : Number(ent.slice(1)));
    return named[ent.toLowerCase()] ?? m;
  });
}

/**
 * Urlizer: plain text → text whose URLs and e-mail addresses are links. Words are split on
 * whitespace and quote/angle characters; each word loses its wrapping and trailing punctuation
 * before it is tested as a URL (`http://…`, `www.…`, `name.com`) or an address.
 */
export class Urlizer {
  static trailing_punctuation_chars = ".,:;!";
  static wrapping_punctuation: [string, string][] = [["(", ")"], ["[", "]"]];
  static simple_url_re = /^https?:\/\/\[?[\p{L}\p{N}_]/iu;
  static simple_url_2_re = /^www\.|^(?!http)[\p{L}\p{N}_][^@]+\.(com|edu|gov|int|mil|net|org)($|\/.*)$/iu;
  static word_split_re = /([\s<>"']+)/;
  static MAX_URL_LENGTH = 2048;

  urlize(text: unknown, options: { trim_url_limit?: number | null; nofollow?: boolean; autoescape?: boolean } = {}): string {
    const safe_input = text instanceof SafeData;
    const words = py_str(text).split(Urlizer.word_split_re);
    return words.map((word) => this.handle_word(word, { safe_input, ...options }).valueOf()).join("");
  }

  handle_word(word: string, o: { safe_input: boolean; trim_url_limit?: number | null; nofollow?: boolean; autoescape?: boolean }): string | SafeString {
    if (word.includes(".") || word.includes("@") || word.includes(":")) {
      const [raw_lead, middle, raw_trail] = this.trim_punctuation(word);
      let lead = raw_lead;
      let trail = raw_trail;
      let url: string | null = null;
      let nofollow_attr = o.nofollow ? ' rel="nofollow"' : "";
      if (middle.length <= Urlizer.MAX_URL_LENGTH && Urlizer.simple_url_re.test(middle)) url = smart_urlquote(html_unescape(middle));
      else if (middle.length <= Urlizer.MAX_URL_LENGTH && Urlizer.simple_url_2_re.test(middle)) url = smart_urlquote(`http://${html_unescape(middle)}`);
      else if (!middle.includes(":") && is_email_simple(middle)) {
        const at = middle.lastIndexOf("@");
        url = `mailto:${middle.slice(0, at)}@${middle.slice(at + 1)}`;
        nofollow_attr = "";
      }
      if (url) {
        let trimmed = trim_url(middle, o.trim_url_limit ?? null);
        if (o.autoescape && !o.safe_input) {
          lead = escape(lead);
          trail = escape(trail);
          trimmed = escape(trimmed);
        }
        return mark_safe(`${lead}<a href="${escape(url)}"${nofollow_attr}>${trimmed}</a>${trail}`);
      }
    }
    if (o.safe_input) return mark_safe(word);
    if (o.autoescape) return escape(word);
    return word;
  }

  /**
   * Split `(http://x.org/).` into lead `(`, the URL, and trail `).`. Closing brackets are trimmed
   * only when unbalanced; `;` is kept when it ends an entity (`&amp;`). As in Django 5.2, trimming
   * an unbalanced closing bracket replaces what was already trimmed (`[x.org/].` loses the `.`).
   */
  trim_punctuation(word: string): [string, string, string] {
    const openings = Urlizer.wrapping_punctuation.map(([o]) => o);
    let start = 0;
    while (start < word.length && openings.includes(word[start])) start++;
    let middle = word.slice(start);
    const lead = word.slice(0, start);
    let trail = "";
    const counts: Record<string, number> = {};
    for (const [o, c] of Urlizer.wrapping_punctuation) {
      counts[o] = count(middle, o);
      counts[c] = count(middle, c);
    }
    const rstrip = (text: string, chars: string) => {
      let end = text.length;
      while (end > 0 && chars.includes(text[end - 1])) end--;
      return text.slice(0, end);
    };
    let trimmed_something = true;
    while (trimmed_something && middle) {
      trimmed_something = false;
      for (const [opening, closing] of Urlizer.wrapping_punctuation) {
        if (counts[opening] < counts[closing] && middle.endsWith(closing)) {
          const strip = counts[closing] - counts[opening];
          trail = middle.slice(-strip);
          middle = middle.slice(0, -strip);
          trimmed_something = true;
          counts[closing] -= strip;
        }
      }
      const amp = middle.lastIndexOf("&");
      const chars = Urlizer.trailing_punctuation_chars;
      const rstripped = rstrip(middle, amp === -1 ? chars : chars.replace(";", ""));
      if (rstripped !== middle) {
        trail = middle.slice(rstripped.length) + trail;
        middle = rstripped;
        trimmed_something = true;
      }
      if (middle.endsWith(";")) {
        const potential_entity = amp === -1 ? middle.slice(-1) : middle.slice(amp);
        const escaped = html_unescape(potential_entity);
        if (escaped === potential_entity || escaped.endsWith(";")) {
          const stripped = rstrip(middle, chars);
          const trail_start = stripped.length;
          const trailing_semicolons = middle.length - rstrip(middle, ";").length;
          if (amp > -1 && trailing_semicolons > 1) {
            const cut = middle.slice(trail_start).indexOf(";") + trail_start + 1;
            trail = middle.slice(cut) + trail;
            middle = stripped + middle.slice(trail_start, cut);
          } else {
            trail = middle.slice(trail_start) + trail;
            middle = stripped;
          }
          trimmed_something = true;
        }
      }
    }
    return [lead, middle, trail];
  }
}

function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

function trim_url(x: string, limit: number | null): string {
  if (limit === null || x.length <= limit) return x;
  return `${x.slice(0, Math.max(0, limit - 1))}\u2026`;
}

function is_email_simple(value: string): boolean {
  if (!value.includes("@") || value.startsWith("@") || value.endsWith("@")) return false;
  const parts = value.split("@");
  if (parts.length !== 2) return false;
  return parts[1].includes(".") && !parts[1].startsWith(".");
}

const urlizer = new Urlizer();

/** `urlize(text, trim_url_limit, nofollow, autoescape)`: links for URLs and addresses in text. */
export function urlize(text: unknown, options: { trim_url_limit?: number | null; nofollow?: boolean; autoescape?: boolean } = {}): string {
  return urlizer.urlize(text, options);
}
