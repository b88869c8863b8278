/**
 * The shell's compiler: what the learner typed at `>>> ` (TypeScript) → something the console
 * (python/code.ts) runs in its namespace, or "incomplete" while a statement is unfinished (the
 * `... ` prompt). Main function: `compile_console_source`; `install_console_compiler` hands it to
 * the console. This module is in the runtime because it evaluates source (ADR 0016).
 *
 * One typed entry runs as the body of a function inside `with (namespace)`, so the names the shell
 * started with (the project's models) and every name defined at an earlier prompt are in scope.
 * Names declared at the top level (`const p = …`, `function f() {}`, `class C {}`) are copied into
 * the namespace after the entry runs, as Python's console keeps its globals. An entry that parses
 * as one expression shows its value (Python's `sys.displayhook`); a statement shows nothing.
 */
import { transpiler } from "./transpiler-source";
import { set_console_compiler, has_console_compiler, type CompiledSource } from "../frameworks/python/code";

/** TypeScript → JavaScript (types dropped, nothing else changed); the syntax error is the learner's. */
function strip_types(source: string): string {
  return transpiler()(source, { transforms: ["typescript"], production: true }).code.replace(/^"use strict";/, "");
}

/**
 * Whether the source stops in the middle of something: a bracket left open, a template literal
 * or a block comment not closed. (Python's console asks for more on the same condition.) One
 * pass over the source; strings are skipped, `${…}` inside templates counted as brackets.
 */
export function unfinished(source: string): boolean {
  const stack: string[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const ch = source[i];
    const top = stack[stack.length - 1];
    if (top === "`") {
      if (ch === "\\") i += 2;
      else if (ch === "`") {
        stack.pop();
        i++;
      } else if (ch === "$" && source[i + 1] === "{") {
        stack.push("${");
        i += 2;
      } else i++;
      continue;
    }
    if (ch === "/" && source[i + 1] === "/") {
      while (i < n && source[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      if (end < 0) return true;
      i = end + 2;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i++;
      while (i < n && source[i] !== ch && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "`") stack.push("`");
    else if (ch === "{" || ch === "(" || ch === "[") stack.push(ch);
    else if (ch === "}" || ch === ")" || ch === "]") {
      if (!stack.length) return false; // a stray closer: a syntax error, not unfinished
      stack.pop();
    }
    i++;
  }
  return stack.length > 0;
}

/**
 * The names an entry declares at its top level: `const`/`let`/`var` (plain names and the names in
 * a destructuring pattern), `function` and `class`. Braces, brackets and parentheses are tracked
 * so that a name declared inside a block or a function body stays local; strings, template
 * literals and comments are skipped. Linear in the source.
 */
export function top_level_names(js: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  let i = 0;
  const n = js.length;
  const ident = /[A-Za-z_$][\w$]*/y;
  const word_at = (at: number): string | null => {
    ident.lastIndex = at;
    const m = ident.exec(js);
    return m ? m[0] : null;
  };
  const skip_space = (at: number): number => {
    while (at < n && /\s/.test(js[at])) at++;
    return at;
  };
  while (i < n) {
    const ch = js[i];
    if (ch === "/" && js[i + 1] === "/") {
      while (i < n && js[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && js[i + 1] === "*") {
      const end = js.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      i++;
      while (i < n && js[i] !== ch) i += js[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "{" || ch === "(" || ch === "[") {
      depth++;
      i++;
      continue;
    }
    if (ch === "}" || ch === ")" || ch === "]") {
      depth--;
      i++;
      continue;
    }
    const word = /[A-Za-z_$]/.test(ch) && (i === 0 || !/[\w$.]/.test(js[i - 1])) ? word_at(i) : null;
    if (!word) {
      i++;
      continue;
    }
    i += word.length;
    if (depth !== 0) continue;
    if (word === "function" || word === "class") {
      let at = skip_space(i);
      if (js[at] === "*") at = skip_space(at + 1);
      const name = word_at(at);
      if (name) names.add(name);
    } else if (word === "const" || word === "let" || word === "var") {
      // The declarators up to the end of the statement: names, or the names inside a pattern.
      let at = i;
      let local = 0;
      let expecting = true;
      while (at < n) {
        const c = js[at];
        if (c === ";" && local === 0) break;
        if (c === "\n" && local === 0 && !expecting) break;
        if (c === "{" || c === "[" || c === "(") local++;
        else if (c === "}" || c === "]" || c === ")") local--;
        else if (c === "=" && js[at + 1] !== ">" && js[at + 1] !== "=") {
          if (local === 0) expecting = false;
        } else if (c === "," && local === 0) expecting = true;
        else if (c === ":" && local > 0 && expecting) {
          // `{ key: name }`: the key is not a binding; the name after the colon is.
          at++;
          continue;
        } else if (/[A-Za-z_$]/.test(c) && !/[\w$.]/.test(js[at - 1] ?? " ")) {
          const name = word_at(at)!;
          const next = skip_space(at + name.length);
          if (expecting && js[next] !== ":" && !["of", "in"].includes(name)) names.add(name);
          at += name.length;
          continue;
        } else if (c === '"' || c === "'" || c === "`") {
          at++;
          while (at < n && js[at] !== c) at += js[at] === "\\" ? 2 : 1;
        }
        at++;
      }
      i = at;
    }
  }
  return [...names];
}

/** Compile one console entry against the console's namespace. */
export function compile_console_source(source: string, namespace: Record<string, unknown>): CompiledSource {
  if (!source.trim()) return { kind: "code", run: () => undefined, show_value: false };
  if (unfinished(source)) return { kind: "incomplete" };
  let js: string;
  try {
    js = strip_types(source);
  } catch (e) {
    const message = String((e as Error).message)
      .replace(/^Error transforming [^:]*: /, "")
      .replace(/ \(\d+:\d+\)$/, "");
    throw new SyntaxError(message);
  }
  const body = js.trim().replace(/;\s*$/, "");
  // An expression shows its value; `{` at the start is a block, as at Python's prompt a dict is not.
  if (!/^(const|let|var|function|class|if|for|while|do|switch|try|throw|return|import|export)\b/.test(body) && !body.startsWith("{")) {
    let expression: Function | null = null;
    try {
      expression = new Function("__namespace__", `with (__namespace__) { return (${body}\n); }`);
    } catch {
      expression = null;
    }
    if (expression) {
      const fn = expression;
      // `x = 5` with no earlier `x` makes a name of the console's, as in Python (not a global of the page).
      const assigned = /^([A-Za-z_$][\w$]*)\s*=(?![=>])/.exec(body)?.[1];
      return {
        kind: "code",
        run: () => {
          if (assigned && !(assigned in namespace) && !(assigned in globalThis)) namespace[assigned] = undefined;
          return fn(namespace);
        },
        show_value: true,
      };
    }
  }
  const names = top_level_names(js);
  const keep = names.map((name) => `__namespace__[${JSON.stringify(name)}] = ${name};`).join(" ");
  // The entry's declarations live in the block; once it has run they are copied into the namespace.
  const statements = new Function("__namespace__", `with (__namespace__) { ${js}\n; ${keep} }`);
  return { kind: "code", run: () => statements(namespace), show_value: false };
}

export function install_console_compiler(): void {
  if (!has_console_compiler()) set_console_compiler(compile_console_source);
}
