// ESLint rule `lab/lazy-trace-attrs`: a span's attributes are passed as a function, never built
// at the call (docs/tracing.md). An object literal where the recorder takes attrs is built on every
// call, tracing on or off; `() => ({ ... })` is built only when the trace is read.
//
// Checked calls (the attrs argument):
//   traced(kind, name, ATTRS, fn)   open_span(kind, name, ATTRS)   trace_event(kind, name, ATTRS)
//   SITE.open(name, ATTRS)   SITE.event(name, ATTRS)   SITE.run(name, ATTRS, fn)   (SITE: an UPPER_CASE call site)
//   span_set(handle, ATTRS)   span_async(SITE, name, ATTRS, fn)
//   recorder.site_open(SITE, name, ATTRS)   recorder.site_event(SITE, name, ATTRS)   recorder.span_set(handle, ATTRS)
// An object literal is allowed where the code only runs while tracing: under `if (tracing_enabled())`
// (or a `… && …`, `? :` on it), or under a test that the span handle is live (`span >= 0`). That is
// how a value that changes later (a header list, a response's status) is captured at the moment it
// describes.

const SITE = /^[A-Z][A-Z0-9_]*$/;
const GUARD = /\btracing_enabled\(\)|\b[a-z_]*span[a-z_]*\s*>=\s*0\b|\bh\s*>=\s*0\b/;
const NEGATED = /^!\s*tracing_enabled\(\)$|^[a-z_]*span[a-z_]*\s*<\s*0$/;

function attrs_argument(node) {
  const callee = node.callee;
  if (callee.type === "Identifier") {
    if (["traced", "open_span", "trace_event"].includes(callee.name)) return node.arguments[2];
    if (callee.name === "span_set") return node.arguments[1];
    if (callee.name === "span_async") return node.arguments[2];
    return undefined;
  }
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
    if (callee.property.name === "site_open" || callee.property.name === "site_event") return node.arguments[2];
    if (callee.property.name === "span_set") return node.arguments[1];
  }
  if (callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier" && SITE.test(callee.object.name)) {
    if (["open", "event", "run"].includes(callee.property.name)) return node.arguments[1];
  }
  return undefined;
}

/** Whether `node` runs only while tracing: an enclosing if / ?: / && whose test says so (on the taken branch). */
function guarded(node, source) {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if ((p.type === "IfStatement" || p.type === "ConditionalExpression") && child === p.consequent && GUARD.test(source.getText(p.test)) && !NEGATED.test(source.getText(p.test))) return true;
    if ((p.type === "IfStatement" || p.type === "ConditionalExpression") && child === p.alternate && NEGATED.test(source.getText(p.test))) return true;
    if (p.type === "LogicalExpression" && p.operator === "&&" && child === p.right && GUARD.test(source.getText(p.left))) return true;
    if (p.type === "FunctionDeclaration" || p.type === "FunctionExpression" || p.type === "ArrowFunctionExpression") {
      // `if (!tracing_enabled()) return …;` at the top of the enclosing function.
      const body = p.body.type === "BlockStatement" ? p.body.body : [];
      if (body.some((s) => s.type === "IfStatement" && s.consequent && (s.consequent.type === "ReturnStatement" || (s.consequent.type === "BlockStatement" && s.consequent.body.at(-1)?.type === "ReturnStatement")) && /^!\s*tracing_enabled\(\)$|^\w+\s*<\s*0$/.test(source.getText(s.test)) && s.range[1] <= node.range[0])) return true;
    }
  }
  return false;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Trace attributes are passed as a function (built when the trace is read), not as an object built at every call." },
    messages: {
      eager: "Build trace attrs lazily: pass `() => ({ ... })` (built only when the trace is read), or capture a changing value under `if (tracing_enabled())`. See docs/tracing.md.",
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode ?? context.getSourceCode();
    return {
      CallExpression(node) {
        const attrs = attrs_argument(node);
        if (attrs && attrs.type === "ObjectExpression" && !guarded(node, source)) context.report({ node: attrs, messageId: "eager" });
      },
    };
  },
};
