/**
 * django.template.loader_tags: the tags that combine templates — `{% extends %}`, `{% block %}`
 * and `{% include %}`.
 *
 * Inheritance: a child's ExtendsNode collects the child's blocks, then renders the parent. The
 * BlockContext (kept in the render context) holds, per block name, a stack of BlockNodes from the
 * most derived template down to the base; each `{% block %}` in the parent renders the most
 * derived version, and `{{ block.super }}` renders the next one down. `{% include %}` renders
 * another template with the current context (plus `with` values, or only those with `only`).
 */
import { trace_site } from "../../../trace";
import { iterate, py_str } from "../../python/operator";
import { mark_safe, type SafeString } from "../utils/safestring";
import { FilterExpression, Node, NodeList, Template, TextNode, token_kwargs, trace_template_attr, trace_template_append, type Origin } from "./base";
import type { Context } from "./context";
import { TemplateSyntaxError } from "./exceptions";
import { Library } from "./library";

const BLOCK = trace_site("template", "django/template/loader_tags.ts#BlockNode.render");

export const register = new Library();

export const BLOCK_CONTEXT_KEY = "block_context";

/** Per block name, the BlockNodes that define it, base first and most derived last. */
export class BlockContext {
  blocks = new Map<string, BlockNode[]>();

  /** Blocks of a less derived template go under the ones already there. */
  add_blocks(blocks: Map<string, BlockNode>): void {
    for (const [name, block] of blocks) {
      const list = this.blocks.get(name);
      if (list) list.unshift(block);
      else this.blocks.set(name, [block]);
    }
  }

  pop(name: string): BlockNode | null {
    return this.blocks.get(name)?.pop() ?? null;
  }

  push(name: string, block: BlockNode): void {
    const list = this.blocks.get(name);
    if (list) list.push(block);
    else this.blocks.set(name, [block]);
  }

  get_block(name: string): BlockNode | null {
    const list = this.blocks.get(name);
    return list && list.length ? list[list.length - 1] : null;
  }
}

/** `{% block name %}…{% endblock %}` */
export class BlockNode extends Node {
  /** The context the block is rendering in (set while rendering, for `block.super`). */
  context?: Context;

  constructor(readonly name: string, readonly nodelist: NodeList, readonly parent: unknown = null) {
    super();
  }

  override __repr__(): string {
    return `<Block Node: ${this.name}. Contents: ${this.nodelist}>`;
  }

  render(context: Context): SafeString {
    const block_context = context.render_context.get(BLOCK_CONTEXT_KEY) as BlockContext | null;
    return context.with_push({}, () => {
      if (block_context === null) {
        context.set("block", this);
        return this.nodelist.render(context);
      }
      const push = block_context.pop(this.name);
      const source = push ?? this;
      const block = new BlockNode(source.name, source.nodelist);
      block.origin = source.origin;
      block.context = context;
      context.set("block", block);
      if (push && push !== this) BLOCK.event(() => `block ${this.name}`, () => ({ block: this.name, overridden_in: push.origin?.name ?? null }));
      const result = block.nodelist.render(context);
      if (push !== null) block_context.push(this.name, push);
      return result;
    }, "block");
  }

  /** `{{ block.super }}`: the same block as the next less-derived template defines it. */
  super(): SafeString | string {
    if (!this.context)
      throw new TemplateSyntaxError(`'${this.constructor.name}' object has no attribute 'context'. Did you use {{ block.super }} in a base template?`);
    const render_context = this.context.render_context;
    const block_context = render_context.get(BLOCK_CONTEXT_KEY) as BlockContext | null;
    if (block_context && block_context.get_block(this.name) !== null) return mark_safe(this.render(this.context));
    return "";
  }
}

/** `{% extends "base.html" %}`: render the parent with this template's blocks slotted in. */
export class ExtendsNode extends Node {
  override must_be_first = true;
  static context_key = "extends_context";
  readonly blocks: Map<string, BlockNode>;

  constructor(readonly nodelist: NodeList, readonly parent_name: FilterExpression, readonly template_dirs: string[] | null = null) {
    super();
    this.blocks = new Map(nodelist.get_nodes_by_type(BlockNode).map((n) => [n.name, n]));
  }

  override __repr__(): string {
    return `<ExtendsNode: extends ${this.parent_name.token}>`;
  }

  /** Find the parent, skipping templates already in the chain (so a template can extend its namesake). */
  find_template(template_name: string, context: Context): Template {
    const history = context.render_context.setdefault(ExtendsNode.context_key, [this.origin] as (Origin | null)[]);
    const [template, origin] = context.template!.engine.find_template(template_name, null, history.filter((o): o is Origin => o !== null));
    history.push(origin);
    return template;
  }

  get_parent(context: Context): Template {
    const parent = this.parent_name.resolve(context);
    if (!parent || (typeof parent === "object" && !(parent instanceof Template) && !(parent instanceof String) && !("template" in parent))) {
      let error_msg = `Invalid template name in 'extends' tag: ${py_repr_name(parent)}.`;
      if (this.parent_name.filters.length || this.parent_name.is_var) error_msg += ` Got this from the '${this.parent_name.token}' variable.`;
      throw new TemplateSyntaxError(error_msg);
    }
    if (parent instanceof Template) return parent;
    const inner = (parent as { template?: unknown }).template;
    if (inner instanceof Template) return inner;
    return this.find_template(py_str(parent), context);
  }

  render(context: Context): SafeString {
    const compiled_parent = this.get_parent(context);
    trace_template_attr("extends", compiled_parent.name ?? compiled_parent.origin.name);
    trace_template_attr("blocks", [...this.blocks.keys()]);
    let block_context = context.render_context.get(BLOCK_CONTEXT_KEY) as BlockContext | null;
    if (block_context === null) {
      block_context = new BlockContext();
      context.render_context.set(BLOCK_CONTEXT_KEY, block_context);
    }
    block_context.add_blocks(this.blocks);
    // The base template (the one that does not extend) contributes its blocks as the defaults.
    for (const node of compiled_parent.nodelist) {
      if (node instanceof TextNode) continue;
      if (!(node instanceof ExtendsNode)) {
        block_context.add_blocks(new Map(compiled_parent.nodelist.get_nodes_by_type(BlockNode).map((n) => [n.name, n])));
      }
      break;
    }
    return context.render_context.push_state(compiled_parent, () => compiled_parent.render_in_chain(context), false);
  }
}

function py_repr_name(value: unknown): string {
  if (typeof value === "string" || value instanceof String) return `'${value}'`;
  return py_str(value);
}

/** `{% include "name" with a=b only %}` */
export class IncludeNode extends Node {
  override child_nodelists: string[] = [];
  static context_key = "__include_context";

  constructor(readonly template: FilterExpression, readonly extra_context: Record<string, FilterExpression> = {}, readonly isolated_context = false) {
    super();
  }

  override __repr__(): string {
    return `<IncludeNode: template=${this.template.token}>`;
  }

  render(context: Context): SafeString {
    let template = this.template.resolve(context) as unknown;
    if (!(template instanceof Template) && typeof (template as { render?: unknown })?.render !== "function") {
      const names = template_names(template, this.origin);
      const cache = context.render_context.dicts[0];
      const key = `${IncludeNode.context_key}:${names.join("\u0000")}`;
      let cached = (cache.get(this) as Map<string, Template> | undefined)?.get(key);
      if (!cached) {
        cached = context.template!.engine.select_template(names);
        if (!cache.has(this)) cache.set(this, new Map());
        (cache.get(this) as Map<string, Template>).set(key, cached);
      }
      template = cached;
    } else if ((template as { template?: unknown }).template instanceof Template) {
      template = (template as { template: Template }).template;
    }
    const t = template as Template;
    const values = Object.fromEntries(Object.entries(this.extra_context).map(([k, v]) => [k, v.resolve(context)]));
    trace_template_append("includes", t.name);
    if (this.isolated_context) return t.render(context.new(values));
    return context.with_push(values, () => t.render(context), "include with");
  }
}

function template_names(template: unknown, origin: Origin | null): string[] {
  if (!template) return [];
  if (typeof template === "string" || template instanceof String) return [construct_relative_path(origin?.template_name ?? null, String(template), true)];
  return iterate(template).map((n) => py_str(n)); // tuple(template_name): "'int' object is not iterable"
}

/** `./x.html` and `../x.html` are relative to the template the tag appears in. */
export function construct_relative_path(current_template_name: string | null, relative_name: string, allow_recursion = false): string {
  const has_quotes = /^(['"]).*\1$/.test(relative_name);
  const new_name = relative_name.replace(/^['"]+|['"]+$/g, "");
  if (!new_name.startsWith("./") && !new_name.startsWith("../")) return relative_name;
  if (current_template_name === null)
    throw new TemplateSyntaxError(`The relative path ${relative_name} cannot be evaluated due to an unknown template origin.`);
  const base = current_template_name.split("/").slice(0, -1);
  const parts = [...base];
  let outside = false;
  for (const part of new_name.split("/")) {
    if (part === "." || part === "") continue;
    if (part === "..") {
      if (!parts.length) outside = true;
      parts.pop();
    } else parts.push(part);
  }
  const joined = parts.join("/");
  if (outside || !joined)
    throw new TemplateSyntaxError(`The relative path '${new_name}' points outside the file hierarchy that template '${current_template_name}' is in.`);
  if (current_template_name.replace(/^\.?\//, "") === joined && !allow_recursion)
    throw new TemplateSyntaxError(`The relative path '${new_name}' was translated to template name '${current_template_name}', the same template in which the tag appears.`);
  return has_quotes ? `"${joined}"` : joined;
}

register.tag("block", (parser, token) => {
  const bits = token.contents.split(/\s+/);
  if (bits.length !== 2) throw new TemplateSyntaxError(`'${bits[0]}' tag takes only one argument`);
  const block_name = bits[1];
  if (parser.loaded_blocks.includes(block_name)) throw new TemplateSyntaxError(`'${bits[0]}' tag with name '${block_name}' appears more than once`);
  parser.loaded_blocks.push(block_name);
  const nodelist = parser.parse(["endblock"]);
  const endblock = parser.next_token();
  const acceptable_endblocks = ["endblock", `endblock ${block_name}`];
  if (!acceptable_endblocks.includes(endblock.contents)) parser.invalid_block_tag(endblock, "endblock", acceptable_endblocks);
  return new BlockNode(block_name, nodelist);
});

register.tag("extends", (parser, token) => {
  const bits = token.split_contents();
  if (bits.length !== 2) throw new TemplateSyntaxError(`'${bits[0]}' takes one argument`);
  bits[1] = construct_relative_path(parser.origin?.template_name ?? null, bits[1]);
  const parent_name = parser.compile_filter(bits[1]);
  const nodelist = parser.parse();
  if (nodelist.get_nodes_by_type(ExtendsNode).length) throw new TemplateSyntaxError(`'${bits[0]}' cannot appear more than once in the same template`);
  return new ExtendsNode(nodelist, parent_name);
});

register.tag("include", (parser, token) => {
  const bits = token.split_contents();
  if (bits.length < 2) throw new TemplateSyntaxError(`'${bits[0]}' tag takes at least one argument: the name of the template to be included.`);
  const options: { with?: Record<string, FilterExpression>; only?: boolean } = {};
  const remaining_bits = bits.slice(2);
  while (remaining_bits.length) {
    const option = remaining_bits.shift()!;
    if (option in options) throw new TemplateSyntaxError(`The '${option}' option was specified more than once.`);
    if (option === "with") {
      const value = token_kwargs(remaining_bits, parser, false);
      if (!Object.keys(value).length) throw new TemplateSyntaxError(`"with" in '${bits[0]}' tag needs at least one keyword argument.`);
      options.with = value;
    } else if (option === "only") {
      options.only = true;
    } else {
      throw new TemplateSyntaxError(`Unknown argument for '${bits[0]}' tag: '${option}'.`);
    }
  }
  bits[1] = construct_relative_path(parser.origin?.template_name ?? null, bits[1], true);
  return new IncludeNode(parser.compile_filter(bits[1]), options.with ?? {}, options.only ?? false);
});

