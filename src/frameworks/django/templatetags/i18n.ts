/**
 * django.templatetags.i18n: `{% load i18n %}` → the translation tags.
 *
 *   {% translate "Log in" %}                      TranslateNode: the message in the active language
 *   {% translate "Log in" as label %}             … stored in a variable instead
 *   {% blocktranslate with name=app.name %}Models in the {{ name }} application{% endblocktranslate %}
 *   {% blocktranslate count counter=n %}{{ counter }} result{% plural %}{{ counter }} results{% endblocktranslate %}
 *   {% blocktranslate trimmed %} … several lines … {% endblocktranslate %}   whitespace around newlines → one space
 *   {% get_current_language as LANGUAGE_CODE %}   {% get_current_language_bidi as LANGUAGE_BIDI %}
 *
 * The main class is BlockTranslateNode: its body is text and `{{ name }}` placeholders only (no
 * filters, no other tags), each placeholder rendered as `{{ name }}` would be. The lab ships no
 * message catalogs (utils/translation.ts), so a message is its own translation; the plural form
 * follows the count.
 */
import { Node, TokenType, token_kwargs, render_value_in_context, type FilterExpression, type Parser, type Token } from "../template/base";
import type { Context } from "../template/context";
import { TemplateSyntaxError } from "../template/exceptions";
import { Library } from "../template/library";
import { mark_safe, type SafeString } from "../utils/safestring";
import { get_language, get_language_bidi, ngettext, trim_whitespace } from "../utils/translation";
import { settings } from "../conf";

export const register = new Library();

/** `{% translate "text" [noop] [context "c"] [as var] %}`. */
export class TranslateNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly filter_expression: FilterExpression,
    readonly noop: boolean,
    readonly asvar: string | null = null,
    readonly message_context: FilterExpression | null = null,
  ) {
    super();
  }

  render(context: Context): string | SafeString {
    const value = this.filter_expression.resolve(context);
    if (this.asvar) {
      context.set(this.asvar, value);
      return "";
    }
    return render_value_in_context(value, context);
  }
}

function do_translate(parser: Parser, token: Token): Node {
  const bits = token.split_contents();
  if (bits.length < 2) throw new TemplateSyntaxError(`'${bits[0]}' takes at least one argument`);
  const message_string = parser.compile_filter(bits[1]);
  let noop = false;
  let asvar: string | null = null;
  let message_context: FilterExpression | null = null;
  const seen = new Set<string>();
  const invalid_context = new Set(["as", "noop"]);
  const remaining = bits.slice(2);
  while (remaining.length) {
    const option = remaining.shift()!;
    if (seen.has(option)) throw new TemplateSyntaxError(`The '${option}' option was specified more than once.`);
    if (option === "noop") noop = true;
    else if (option === "context") {
      const value = remaining.shift();
      if (value === undefined || invalid_context.has(value))
        throw new TemplateSyntaxError(`No argument provided to the '${bits[0]}' tag for the context option.`);
      message_context = parser.compile_filter(value);
    } else if (option === "as") {
      const value = remaining.shift();
      if (value === undefined) throw new TemplateSyntaxError(`No argument provided to the '${bits[0]}' tag for the as option.`);
      asvar = value;
    } else throw new TemplateSyntaxError(`Unknown argument for '${bits[0]}' tag: '${option}'. The only options available are 'noop', 'context' "xxx", and 'as VAR'.`);
    seen.add(option);
  }
  return new TranslateNode(message_string, noop, asvar, message_context);
}
register.tag("translate", do_translate);
register.tag("trans", do_translate);

type Part = { text: string } | { var: string };

/** `{% blocktranslate … %}singular{% plural %}plural{% endblocktranslate %}`. */
export class BlockTranslateNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly extra_context: Record<string, FilterExpression>,
    readonly singular: Part[],
    readonly plural: Part[] | null,
    readonly countervar: string | null,
    readonly counter: FilterExpression | null,
    readonly message_context: FilterExpression | null,
    readonly trimmed: boolean,
    readonly asvar: string | null,
    readonly tag_name: string,
  ) {
    super();
  }

  render(context: Context): string | SafeString {
    const values: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(this.extra_context)) values[name] = expr.resolve(context);
    let parts = this.singular;
    if (this.counter && this.countervar && this.plural) {
      const count = this.counter.resolve(context);
      if (count === null || count === undefined || typeof count === "string" || (count as object) instanceof String || !Number.isFinite(Number(count)))
        throw new TemplateSyntaxError(`'${this.countervar}' argument to '${this.tag_name}' tag must be a number.`);
      values[this.countervar] = count;
      parts = ngettext("s", "p", Number(count)) === "s" ? this.singular : this.plural;
    }
    const result = context.with_push(values, () => this.render_parts(parts, context), "blocktranslate");
    if (this.asvar) {
      context.set(this.asvar, mark_safe(result));
      return "";
    }
    return mark_safe(result);
  }

  /** The message with each `{{ name }}` filled in as `{{ name }}` would render (a missing one is ""). */
  private render_parts(parts: Part[], context: Context): string {
    const text = (p: Part) => ("text" in p ? p.text : `\u0000${p.var}\u0000`);
    let message = parts.map(text).join("");
    if (this.trimmed) message = trim_whitespace(message);
    return message.replace(/\u0000([^\u0000]*)\u0000/g, (_m, name: string) => {
      const value = context.has_key(name) ? context.get(name) : (context.template?.engine as { string_if_invalid?: string } | undefined)?.string_if_invalid ?? "";
      return String(render_value_in_context(value, context));
    });
  }
}

/** The body up to `{% plural %}` or `{% endblocktranslate %}`: text and `{{ var }}` only. */
function read_body(parser: Parser, tag_name: string, end_names: string[]): [Part[], Token] {
  const parts: Part[] = [];
  for (;;) {
    if (!parser.tokens.length) throw new TemplateSyntaxError(`'${tag_name}' doesn't allow other block tags inside it`);
    const token = parser.next_token();
    if (token.token_type === TokenType.TEXT) parts.push({ text: token.contents });
    else if (token.token_type === TokenType.VAR) parts.push({ var: token.contents });
    else if (token.token_type === TokenType.BLOCK) {
      if (end_names.includes(token.contents)) return [parts, token];
      throw new TemplateSyntaxError(`'${tag_name}' doesn't allow other block tags (seen '${token.contents}') inside it`);
    }
  }
}

function do_block_translate(parser: Parser, token: Token): Node {
  const bits = token.split_contents();
  const tag_name = bits[0];
  const options: Record<string, unknown> = {};
  const remaining = bits.slice(1);
  let asvar: string | null = null;
  while (remaining.length) {
    const option = remaining.shift()!;
    if (option in options) throw new TemplateSyntaxError(`The '${option}' option was specified more than once.`);
    let value: unknown;
    if (option === "with") {
      value = token_kwargs(remaining, parser, true);
      if (!Object.keys(value as object).length) throw new TemplateSyntaxError(`"with" in '${tag_name}' tag needs at least one keyword argument.`);
    } else if (option === "count") {
      value = token_kwargs(remaining, parser, true);
      if (Object.keys(value as object).length !== 1) throw new TemplateSyntaxError(`"count" in '${tag_name}' tag expected exactly one keyword argument.`);
    } else if (option === "context") {
      const next = remaining.shift();
      if (next === undefined) throw new TemplateSyntaxError(`"context" in '${tag_name}' tag expected exactly one argument.`);
      value = parser.compile_filter(next);
    } else if (option === "trimmed") value = true;
    else if (option === "asvar") {
      const next = remaining.shift();
      if (next === undefined) throw new TemplateSyntaxError(`No argument provided to the '${tag_name}' tag for the asvar option.`);
      asvar = next;
      value = next;
    } else throw new TemplateSyntaxError(`Unknown argument for '${tag_name}' tag: '${option}'.`);
    options[option] = value;
  }
  const extra_context = (options.with as Record<string, FilterExpression>) ?? {};
  let countervar: string | null = null;
  let counter: FilterExpression | null = null;
  if (options.count) [[countervar, counter]] = Object.entries(options.count as Record<string, FilterExpression>);
  const end = `end${tag_name}`;
  const [singular, stop] = read_body(parser, tag_name, countervar ? ["plural", end] : [end]);
  let plural: Part[] | null = null;
  if (stop.contents === "plural") [plural] = read_body(parser, tag_name, [end]);
  if (countervar && !plural) throw new TemplateSyntaxError(`'${tag_name}' doesn't allow other block tags inside it`);
  return new BlockTranslateNode(extra_context, singular, plural, countervar, counter, (options.context as FilterExpression) ?? null, Boolean(options.trimmed), asvar, tag_name);
}
register.tag("blocktranslate", do_block_translate);
register.tag("blocktrans", do_block_translate);

/** `{% get_current_language as LANGUAGE_CODE %}`-style tags: a value stored in a variable. */
class GetValueNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly value: () => unknown,
    readonly variable: string,
  ) {
    super();
  }
  render(context: Context): string {
    context.set(this.variable, this.value());
    return "";
  }
}

function as_variable_tag(name: string, value: () => unknown): void {
  register.tag(name, (_parser, token) => {
    const args = token.contents.split(/\s+/);
    if (args.length !== 3 || args[1] !== "as") throw new TemplateSyntaxError(`'${name}' requires 'as variable' (got ${JSON.stringify(args)})`);
    return new GetValueNode(value, args[2]);
  });
}

as_variable_tag("get_current_language", get_language);
as_variable_tag("get_current_language_bidi", get_language_bidi);
as_variable_tag("get_available_languages", () => {
  try {
    return (settings.LANGUAGES as [string, string][] | undefined) ?? [["en", "English"]];
  } catch {
    return [["en", "English"]];
  }
});
