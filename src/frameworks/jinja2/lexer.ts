/**
 * jinja2.lexer: template source → a stream of tokens (`Lexer.tokenize` → `TokenStream`).
 *
 * Outside tags the source is `data`; `{{ … }}`, `{% … %}` and `{# … #}` switch to the
 * expression tokens (names, numbers, strings, operators). Whitespace control happens here: a `-`
 * after an opening delimiter strips the whitespace before it, a `-` before a closing one the
 * whitespace after it, `trim_blocks` eats the newline after a block tag, `lstrip_blocks` the
 * indentation before one (`+` opts out). Line endings are normalised to `\n` and a single
 * trailing newline is dropped unless `keep_trailing_newline`.
 *
 * Jinja scans with regular expressions; this port scans by hand with `indexOf`, so lexing is
 * linear in the length of the source whatever the input (templates can come from strangers).
 *
 *   new Lexer(env).tokenize("Hi {{ name }}!")  // data 'Hi ', variable_begin, name 'name', …
 */
import { PyFloat } from "../python/json";
import { TemplateSyntaxError } from "./exceptions";

export const TOKEN_ADD = "add";
export const TOKEN_ASSIGN = "assign";
export const TOKEN_COLON = "colon";
export const TOKEN_COMMA = "comma";
export const TOKEN_DIV = "div";
export const TOKEN_DOT = "dot";
export const TOKEN_EQ = "eq";
export const TOKEN_FLOORDIV = "floordiv";
export const TOKEN_GT = "gt";
export const TOKEN_GTEQ = "gteq";
export const TOKEN_LBRACE = "lbrace";
export const TOKEN_LBRACKET = "lbracket";
export const TOKEN_LPAREN = "lparen";
export const TOKEN_LT = "lt";
export const TOKEN_LTEQ = "lteq";
export const TOKEN_MOD = "mod";
export const TOKEN_MUL = "mul";
export const TOKEN_NE = "ne";
export const TOKEN_PIPE = "pipe";
export const TOKEN_POW = "pow";
export const TOKEN_RBRACE = "rbrace";
export const TOKEN_RBRACKET = "rbracket";
export const TOKEN_RPAREN = "rparen";
export const TOKEN_SEMICOLON = "semicolon";
export const TOKEN_SUB = "sub";
export const TOKEN_TILDE = "tilde";
export const TOKEN_FLOAT = "float";
export const TOKEN_INTEGER = "integer";
export const TOKEN_NAME = "name";
export const TOKEN_STRING = "string";
export const TOKEN_BLOCK_BEGIN = "block_begin";
export const TOKEN_BLOCK_END = "block_end";
export const TOKEN_VARIABLE_BEGIN = "variable_begin";
export const TOKEN_VARIABLE_END = "variable_end";
export const TOKEN_DATA = "data";
export const TOKEN_EOF = "eof";

/** Operators, longest first so `**` wins over `*`. */
export const operators: Record<string, string> = {
  "//": TOKEN_FLOORDIV,
  "**": TOKEN_POW,
  "==": TOKEN_EQ,
  "!=": TOKEN_NE,
  ">=": TOKEN_GTEQ,
  "<=": TOKEN_LTEQ,
  "+": TOKEN_ADD,
  "-": TOKEN_SUB,
  "/": TOKEN_DIV,
  "*": TOKEN_MUL,
  "%": TOKEN_MOD,
  "~": TOKEN_TILDE,
  "[": TOKEN_LBRACKET,
  "]": TOKEN_RBRACKET,
  "(": TOKEN_LPAREN,
  ")": TOKEN_RPAREN,
  "{": TOKEN_LBRACE,
  "}": TOKEN_RBRACE,
  ">": TOKEN_GT,
  "<": TOKEN_LT,
  "=": TOKEN_ASSIGN,
  ".": TOKEN_DOT,
  ":": TOKEN_COLON,
  "|": TOKEN_PIPE,
  ",": TOKEN_COMMA,
  ";": TOKEN_SEMICOLON,
};

const reverse_operators: Record<string, string> = Object.fromEntries(Object.entries(operators).map(([k, v]) => [v, k]));

/** How a token type reads in an error message. */
export function describe_token_type(token_type: string): string {
  if (token_type in reverse_operators) return reverse_operators[token_type];
  const names: Record<string, string> = {
    comment_begin: "begin of comment",
    comment_end: "end of comment",
    comment: "comment",
    linecomment: "comment",
    block_begin: "begin of statement block",
    block_end: "end of statement block",
    variable_begin: "begin of print statement",
    variable_end: "end of print statement",
    linestatement_begin: "begin of line statement",
    linestatement_end: "end of line statement",
    data: "template data / text",
    eof: "end of template",
  };
  return names[token_type] ?? token_type;
}

export function describe_token(token: Token): string {
  if (token.type === TOKEN_NAME) return String(token.value);
  return describe_token_type(token.type);
}

/** `"name:endfor"` → `endfor`; `"block_end"` → `end of statement block`. */
export function describe_token_expr(expr: string): string {
  const colon = expr.indexOf(":");
  if (colon >= 0) {
    const type = expr.slice(0, colon);
    if (type === TOKEN_NAME) return expr.slice(colon + 1);
    return describe_token_type(type);
  }
  return describe_token_type(expr);
}

export class Token {
  constructor(
    readonly lineno: number,
    readonly type: string,
    readonly value: any,
  ) {}

  /** Does the token match `type` or `type:value`? */
  test(expr: string): boolean {
    if (this.type === expr) return true;
    const colon = expr.indexOf(":");
    if (colon >= 0) return expr.slice(0, colon) === this.type && expr.slice(colon + 1) === this.value;
    return false;
  }

  test_any(...exprs: string[]): boolean {
    return exprs.some((e) => this.test(e));
  }
}

/**
 * The parser's view of the tokens: a cursor with one token of lookahead. Jinja lexes lazily (the
 * stream pulls tokens from a generator), so a lexing error surfaces only when the parser reaches
 * it: a parse error earlier in the template is reported first. `error` is that deferred error,
 * thrown when the cursor would move past the last token lexed before it.
 */
export class TokenStream {
  private pos = 0;
  current: Token;
  closed = false;

  constructor(
    private readonly tokens: Token[],
    readonly name: string | null,
    readonly filename: string | null,
    private readonly error: TemplateSyntaxError | null = null,
  ) {
    if (!tokens.length && error) throw error;
    this.current = tokens[0];
  }

  /** `bool(stream)`: false once the end of the template is reached. */
  get more(): boolean {
    return this.current.type !== TOKEN_EOF;
  }

  /** Advance and return the token that was current. */
  next(): Token {
    const rv = this.current;
    if (this.pos < this.tokens.length - 1) this.pos++;
    else if (this.error) throw this.error;
    this.current = this.tokens[this.pos];
    return rv;
  }

  look(): Token {
    if (this.pos + 1 >= this.tokens.length && this.error) throw this.error;
    return this.tokens[Math.min(this.pos + 1, this.tokens.length - 1)];
  }

  skip(n = 1): void {
    for (let i = 0; i < n; i++) this.next();
  }

  next_if(expr: string): Token | null {
    return this.current.test(expr) ? this.next() : null;
  }

  skip_if(expr: string): boolean {
    return this.next_if(expr) !== null;
  }

  /** Require the current token to match, with Jinja's messages when it does not. */
  expect(expr: string): Token {
    if (!this.current.test(expr)) {
      const described = describe_token_expr(expr);
      if (this.current.type === TOKEN_EOF) throw new TemplateSyntaxError(`unexpected end of template, expected '${described}'.`, this.current.lineno, this.name, this.filename);
      throw new TemplateSyntaxError(`expected token '${described}', got '${describe_token(this.current)}'`, this.current.lineno, this.name, this.filename);
    }
    return this.next();
  }
}

export interface LexerOptions {
  trim_blocks: boolean;
  lstrip_blocks: boolean;
  keep_trailing_newline: boolean;
  newline_sequence: string;
}

const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const FLOAT_RE = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INTEGER_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
const STRING_RE = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const WS = /\s/;

function is_space(s: string): boolean {
  return /^\s+$/.test(s);
}

/** Python's `unicode-escape` decoding of a string literal's body. */
function unescape_string(body: string): string {
  if (!body.includes("\\")) return body;
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += "\\";
      continue;
    }
    if (next in simple) {
      out += simple[next];
      i++;
    } else if (next === "x" || next === "u" || next === "U") {
      const n = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error(`truncated \\${next}${"X".repeat(n)} escape`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + n;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else {
      out += "\\";
    }
  }
  return out;
}

/** Turns one template's source into tokens; one per environment configuration. */
export class Lexer {
  readonly options: LexerOptions;

  constructor(options: LexerOptions) {
    this.options = options;
  }

  tokenize(source: string, name: string | null = null, filename: string | null = null): TokenStream {
    const tokenizer = new Tokenizer(this.options, source, name, filename);
    const tokens = tokenizer.run();
    return new TokenStream(tokens, name, filename, tokenizer.error);
  }
}

/** One pass over one source: the lexer's state machine (root, then a tag's inside, and back). */
class Tokenizer {
  private readonly source: string;
  private pos = 0;
  private lineno = 1;
  private readonly out: Token[] = [];
  /** The last matched piece of source ended with a newline (lstrip_blocks looks at it). */
  private line_starting = true;

  constructor(
    private readonly options: LexerOptions,
    source: string,
    private readonly name: string | null,
    private readonly filename: string | null,
  ) {
    const lines = source.split(/\r\n|\r|\n/);
    if (!options.keep_trailing_newline && lines[lines.length - 1] === "") lines.pop();
    this.source = lines.join("\n");
  }

  private fail(message: string): never {
    throw new TemplateSyntaxError(message, this.lineno, this.name, this.filename);
  }

  private push(type: string, value: any): void {
    this.out.push(new Token(this.lineno, type, value));
  }

  private count_lines(s: string): number {
    let n = 0;
    for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
    return n;
  }

  private data(text: string): void {
    if (text) {
      const value = this.options.newline_sequence === "\n" ? text : text.replace(/\n/g, this.options.newline_sequence);
      this.push(TOKEN_DATA, value);
      this.lineno += this.count_lines(text);
    }
  }

  /** The lexing error that stopped the run (the tokens before it are kept, see TokenStream). */
  error: TemplateSyntaxError | null = null;

  run(): Token[] {
    const src = this.source;
    try {
      while (this.pos < src.length) {
        const start = this.find_tag(this.pos);
        if (start < 0) {
          this.data(src.slice(this.pos));
          this.pos = src.length;
          break;
        }
        this.open_tag(start);
      }
    } catch (e) {
      if (!(e instanceof TemplateSyntaxError)) throw e;
      this.error = e;
      return this.out;
    }
    // Like Jinja's TokenStream, the end of the template is on the line of the last token (where
    // that token starts: a trailing data token spanning lines still counts from its first line).
    const last = this.out[this.out.length - 1];
    this.out.push(new Token(last ? last.lineno : 1, TOKEN_EOF, ""));
    return this.out;
  }

  /** The next `{{`, `{%` or `{#` at or after `from`, or -1. */
  private find_tag(from: number): number {
    const src = this.source;
    for (let i = src.indexOf("{", from); i >= 0; i = src.indexOf("{", i + 1)) {
      const c = src[i + 1];
      if (c === "{" || c === "%" || c === "#") return i;
    }
    return -1;
  }

  /** Emit the text before a tag (with its whitespace control) and lex the tag. */
  private open_tag(start: number): void {
    const src = this.source;
    const kind = src[start + 1];
    const sign = src[start + 2] === "-" || src[start + 2] === "+" ? src[start + 2] : "";
    let text = src.slice(this.pos, start);
    let stripped_newlines = 0;
    if (sign === "-") {
      const trimmed = text.replace(/\s+$/, "");
      stripped_newlines = this.count_lines(text.slice(trimmed.length));
      text = trimmed;
    } else if (sign !== "+" && this.options.lstrip_blocks && kind !== "{") {
      const l_pos = text.lastIndexOf("\n") + 1;
      if ((l_pos > 0 || this.line_starting) && is_space(text.slice(l_pos))) text = text.slice(0, l_pos);
    }
    this.data(text);
    this.lineno += stripped_newlines;
    const after = start + 2 + sign.length;
    if (kind === "#") return this.comment(after, start);
    if (kind === "%") {
      const raw = /\s*raw\s*(-%\}\s*|%\})/y;
      raw.lastIndex = after;
      const m = raw.exec(src);
      if (m) {
        // The text before the tag is counted already: the raw block's lines start at the tag.
        this.pos = start;
        return this.raw(raw.lastIndex, m[1].startsWith("-"));
      }
      this.push(TOKEN_BLOCK_BEGIN, src.slice(start, after));
      this.pos = after;
      return this.inside_tag(TOKEN_BLOCK_END);
    }
    this.push(TOKEN_VARIABLE_BEGIN, src.slice(start, after));
    this.pos = after;
    this.inside_tag(TOKEN_VARIABLE_END);
  }

  /** `{# … #}`: dropped, but `-#}` strips what follows and lines still count. */
  private comment(after: number, start: number): void {
    const src = this.source;
    const end = src.indexOf("#}", after);
    if (end < 0) this.fail("Missing end of comment tag");
    const before = src[end - 1];
    let stop = end + 2;
    if (before === "-" && end - 1 >= after) stop = this.skip_ws(stop);
    else if (before !== "+" && this.options.trim_blocks && src[stop] === "\n") stop++;
    this.lineno += this.count_lines(src.slice(start, stop));
    this.line_starting = src[stop - 1] === "\n";
    this.pos = stop;
  }

  /** `{% raw %} … {% endraw %}`: the text in between is data, untouched. */
  private raw(body_start: number, strip_after_open: boolean): void {
    const src = this.source;
    let from = strip_after_open ? this.skip_ws(body_start) : body_start;
    this.lineno += this.count_lines(src.slice(this.pos, from));
    const end_re = /\{%([-+]?)\s*endraw\s*(\+%\}|-%\}\s*|%\})/g;
    end_re.lastIndex = from;
    const m = end_re.exec(src);
    if (!m) this.fail("Missing end of raw directive");
    let text = src.slice(from, m.index);
    let stripped = 0;
    if (m[1] === "-") {
      const trimmed = text.replace(/\s+$/, "");
      stripped = this.count_lines(text.slice(trimmed.length));
      text = trimmed;
    } else if (m[1] !== "+" && this.options.lstrip_blocks) {
      const l_pos = text.lastIndexOf("\n") + 1;
      if (is_space(text.slice(l_pos))) text = text.slice(0, l_pos);
    }
    this.data(text);
    this.lineno += stripped;
    let stop = m.index + m[0].length;
    if (m[2] === "%}" && this.options.trim_blocks && src[stop] === "\n") stop++;
    this.lineno += this.count_lines(src.slice(m.index, stop));
    this.line_starting = src[stop - 1] === "\n";
    this.pos = stop;
    from = stop;
  }

  private skip_ws(i: number): number {
    const src = this.source;
    while (i < src.length && WS.test(src[i])) i++;
    return i;
  }

  /** Inside `{% … %}` or `{{ … }}`: expression tokens until the (balanced) closing delimiter. */
  private inside_tag(end_type: string): void {
    const src = this.source;
    const balancing: string[] = [];
    const block = end_type === TOKEN_BLOCK_END;
    const close = block ? "%}" : "}}";
    while (this.pos < src.length) {
      const i = this.pos;
      const ch = src[i];
      if (!balancing.length && this.try_close(i, close, block, end_type)) return;
      if (WS.test(ch)) {
        const j = this.skip_ws(i);
        this.lineno += this.count_lines(src.slice(i, j));
        this.pos = j;
        continue;
      }
      if (/[0-9]/.test(ch) && src[i - 1] !== ".") {
        FLOAT_RE.lastIndex = i;
        const f = FLOAT_RE.exec(src);
        if (f) {
          const x = Number(f[0].replace(/_/g, ""));
          this.push(TOKEN_FLOAT, Number.isInteger(x) ? new PyFloat(x) : x);
          this.pos = FLOAT_RE.lastIndex;
          continue;
        }
      }
      if (/[0-9]/.test(ch)) {
        INTEGER_RE.lastIndex = i;
        const m = INTEGER_RE.exec(src);
        if (m) {
          this.push(TOKEN_INTEGER, parse_int(m[0]));
          this.pos = INTEGER_RE.lastIndex;
          continue;
        }
      }
      if (NAME_START.test(ch)) {
        NAME_RE.lastIndex = i;
        const m = NAME_RE.exec(src)!;
        this.push(TOKEN_NAME, m[0]);
        this.pos = NAME_RE.lastIndex;
        continue;
      }
      if (ch === "'" || ch === '"') {
        STRING_RE.lastIndex = i;
        const m = STRING_RE.exec(src);
        if (m) {
          const body = (m[1] ?? m[2]).replace(/\r\n|\r/g, "\n");
          let value: string;
          try {
            value = unescape_string(body);
          } catch (e) {
            this.fail((e as Error).message);
          }
          this.push(TOKEN_STRING, value);
          this.lineno += this.count_lines(m[0]);
          this.pos = STRING_RE.lastIndex;
          continue;
        }
      }
      const two = src.slice(i, i + 2);
      const op = operators[two] !== undefined ? two : operators[ch] !== undefined ? ch : null;
      if (op === null) this.fail(`unexpected char ${py_char_repr(ch)} at ${i}`);
      this.balance(op, balancing);
      this.push(operators[op], op);
      this.pos = i + op.length;
    }
  }

  private balance(op: string, stack: string[]): void {
    if (op === "{") stack.push("}");
    else if (op === "(") stack.push(")");
    else if (op === "[") stack.push("]");
    else if (op === "}" || op === ")" || op === "]") {
      if (!stack.length) this.fail(`unexpected '${op}'`);
      const expected = stack.pop();
      if (expected !== op) this.fail(`unexpected '${op}', expected '${expected}'`);
    }
  }

  /** The closing delimiter with its whitespace control: `-%}` strips after, `%}` may trim a newline. */
  private try_close(i: number, close: string, block: boolean, end_type: string): boolean {
    const src = this.source;
    let stop: number;
    if (src[i] === "-" && src.startsWith(close, i + 1)) {
      stop = this.skip_ws(i + 3);
    } else if (block && src[i] === "+" && src.startsWith(close, i + 1)) {
      stop = i + 3;
    } else if (src.startsWith(close, i)) {
      stop = i + 2;
      if (block && this.options.trim_blocks && src[stop] === "\n") stop++;
    } else return false;
    const text = src.slice(i, stop);
    this.push(end_type, text);
    this.lineno += this.count_lines(text);
    this.line_starting = text.endsWith("\n");
    this.pos = stop;
    return true;
  }
}

function parse_int(text: string): number | bigint {
  const t = text.replace(/_/g, "");
  const lower = t.toLowerCase();
  let big: bigint;
  if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) big = BigInt(lower);
  else big = BigInt(t);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function py_char_repr(ch: string): string {
  if (ch === "'") return `"'"`;
  if (ch === "\\") return "'\\\\'";
  return `'${ch}'`;
}
