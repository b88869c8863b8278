/**
 * django.template.smartif: the words of `{% if a and not b in c %}` → an expression tree.
 *
 * A small Pratt (top-down operator precedence) parser: each operator has a binding power
 * (or 6, and 7, not 8, in/not in 9, is/is not/==/!=/>/>=/</<= 10), literals are FilterExpressions.
 * Evaluating an operator that raises (comparing None with 1) gives False, as in Django.
 */
import { contains, eq, ge, gt, le, lt, truth } from "../../python/operator";
import { TemplateSyntaxError } from "./exceptions";

/** A node of the expression tree: an operator or a literal. */
export interface IfToken {
  id: string;
  lbp: number;
  nud(parser: IfParser): IfToken;
  led(left: IfToken, parser: IfParser): IfToken;
  eval(context: unknown): unknown;
  display(): string;
  first?: IfToken | null;
  second?: IfToken | null;
}

abstract class TokenBase implements IfToken {
  abstract id: string;
  abstract lbp: number;
  first: IfToken | null = null;
  second: IfToken | null = null;

  nud(parser: IfParser): IfToken {
    throw parser.error_class(`Not expecting '${this.id}' in this position in if tag.`);
  }

  led(_left: IfToken, parser: IfParser): IfToken {
    throw parser.error_class(`Not expecting '${this.id}' as infix operator in if tag.`);
  }

  abstract eval(context: unknown): unknown;

  display(): string {
    return this.id;
  }
}

type BinaryFn = (context: unknown, x: IfToken, y: IfToken) => unknown;
type UnaryFn = (context: unknown, x: IfToken) => unknown;

function infix(bp: number, func: BinaryFn): new () => TokenBase {
  return class Operator extends TokenBase {
    id = "";
    lbp = bp;
    override led(left: IfToken, parser: IfParser): IfToken {
      this.first = left;
      this.second = parser.expression(bp);
      return this;
    }
    eval(context: unknown): unknown {
      try {
        return func(context, this.first!, this.second!);
      } catch {
        // Templates should not raise for a failed comparison: `None < 1` is just False.
        return false;
      }
    }
  };
}

function prefix(bp: number, func: UnaryFn): new () => TokenBase {
  return class Operator extends TokenBase {
    id = "";
    lbp = bp;
    override nud(parser: IfParser): IfToken {
      this.first = parser.expression(bp);
      this.second = null;
      return this;
    }
    eval(context: unknown): unknown {
      try {
        return func(context, this.first!);
      } catch {
        return false;
      }
    }
  };
}

/** `x is y`: identity, which for the values templates hold is strict equality. */
function is_same(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b;
}

export const OPERATORS: Record<string, new () => TokenBase> = {
  or: infix(6, (c, x, y) => truth(x.eval(c)) || truth(y.eval(c))),
  and: infix(7, (c, x, y) => truth(x.eval(c)) && truth(y.eval(c))),
  not: prefix(8, (c, x) => !truth(x.eval(c))),
  in: infix(9, (c, x, y) => contains(y.eval(c), x.eval(c))),
  "not in": infix(9, (c, x, y) => !contains(y.eval(c), x.eval(c))),
  is: infix(10, (c, x, y) => is_same(x.eval(c), y.eval(c))),
  "is not": infix(10, (c, x, y) => !is_same(x.eval(c), y.eval(c))),
  "==": infix(10, (c, x, y) => eq(x.eval(c), y.eval(c))),
  "!=": infix(10, (c, x, y) => !eq(x.eval(c), y.eval(c))),
  ">": infix(10, (c, x, y) => gt(x.eval(c), y.eval(c))),
  ">=": infix(10, (c, x, y) => ge(x.eval(c), y.eval(c))),
  "<": infix(10, (c, x, y) => lt(x.eval(c), y.eval(c))),
  "<=": infix(10, (c, x, y) => le(x.eval(c), y.eval(c))),
};

function make_operator(key: string): IfToken {
  const op = new OPERATORS[key]();
  op.id = key;
  return op;
}

/** A value in the expression (a variable, possibly with filters, or a literal). */
export class Literal extends TokenBase {
  id = "literal";
  lbp = 0;
  constructor(readonly value: unknown) {
    super();
  }
  override display(): string {
    return String(this.value);
  }
  override nud(_parser: IfParser): IfToken {
    return this;
  }
  eval(_context: unknown): unknown {
    return this.value;
  }
}

class EndToken extends TokenBase {
  id = "end";
  lbp = 0;
  override nud(parser: IfParser): IfToken {
    throw parser.error_class("Unexpected end of expression in if tag.");
  }
  eval(): unknown {
    return null;
  }
}

const END = new EndToken();

/** Words → tree. Subclasses say how a literal word becomes a value (`create_var`). */
export class IfParser {
  tokens: IfToken[];
  pos = 0;
  current_token: IfToken;
  error_class: (msg: string) => Error = (msg) => new TemplateSyntaxError(msg);

  constructor(tokens: string[], create_var?: (value: string) => IfToken) {
    if (create_var) this.create_var = create_var;
    const mapped: IfToken[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === "is" && tokens[i + 1] === "not") {
        mapped.push(this.translate_token("is not"));
        i += 1;
      } else if (token === "not" && tokens[i + 1] === "in") {
        mapped.push(this.translate_token("not in"));
        i += 1;
      } else {
        mapped.push(this.translate_token(token));
      }
    }
    this.tokens = mapped;
    this.current_token = this.next_token();
  }

  translate_token(token: string): IfToken {
    if (Object.prototype.hasOwnProperty.call(OPERATORS, token)) return make_operator(token);
    return this.create_var(token);
  }

  next_token(): IfToken {
    if (this.pos >= this.tokens.length) return END;
    return this.tokens[this.pos++];
  }

  parse(): IfToken {
    const retval = this.expression();
    if (this.current_token !== END) throw this.error_class(`Unused '${this.current_token.display()}' at end of if expression.`);
    return retval;
  }

  expression(rbp = 0): IfToken {
    let t = this.current_token;
    this.current_token = this.next_token();
    let left = t.nud(this);
    while (rbp < this.current_token.lbp) {
      t = this.current_token;
      this.current_token = this.next_token();
      left = t.led(left, this);
    }
    return left;
  }

  create_var(value: string): IfToken {
    return new Literal(value);
  }
}
