/**
 * django.contrib.admin.templatetags.base: InclusionAdminNode, the inclusion tag whose template a
 * project may override per model, per app or for the whole admin:
 *
 *   {% submit_row %} on a Question's change form looks for
 *     admin/polls/question/submit_line.html, then admin/polls/submit_line.html, then admin/submit_line.html
 */
import type { Parser, Token } from "../../../template/base";
import { BaseContext, type Context } from "../../../template/context";
import { InclusionNode, parse_bits, tag_signature } from "../../../template/library";

export class InclusionAdminNode extends InclusionNode {
  readonly template_name: string;

  constructor(parser: Parser, token: Token, func: (...args: any[]) => any, template_name: string, takes_context = true) {
    const bits = token.split_contents();
    const [args, kwargs] = parse_bits(parser, bits.slice(1), bits[0], tag_signature(func, takes_context));
    // A function that hands back the context itself (`lambda context: context`) gives its values.
    const as_dict = (...a: any[]) => {
      const result = func(...a);
      return result instanceof BaseContext ? result.flatten() : result;
    };
    Object.defineProperty(as_dict, "name", { value: func.name || bits[0] });
    super(as_dict, takes_context, args, kwargs, "");
    this.template_name = template_name;
  }

  override render(context: Context): string {
    const opts = context.get("opts") as { app_label: string; model_name: string };
    const app_label = opts.app_label.toLowerCase();
    const object_name = opts.model_name;
    const engine = context.template!.engine as { select_template(names: string[]): unknown };
    context.render_context.set(this, engine.select_template([`admin/${app_label}/${object_name}/${this.template_name}`, `admin/${app_label}/${this.template_name}`, `admin/${this.template_name}`]));
    return super.render(context);
  }
}
