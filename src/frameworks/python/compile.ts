/**
 * Python's `compile()` + `exec` for generated code: JavaScript source → a function.
 *
 * Template engines that compile (Jinja writes Python source for each template and `exec`s it)
 * need to turn generated source into code. The frameworks do not construct functions themselves:
 * `src/runtime` installs the one way to do it (`set_code_compiler`), in the worker, headless in
 * Node, and in tests (ADR 0016). Without it, compiling raises a RuntimeError that says so.
 *
 *   const f = compile_function(["a", "b"], "return a + b;", "<example>");   f(1, 2) === 3
 */
import { RuntimeError } from "./builtins";

export type CodeCompiler = (params: string[], body: string, filename: string) => (...args: any[]) => unknown;

let installed: CodeCompiler | null = null;

/** Install how source becomes a function (the runtime does this once at start-up). */
export function set_code_compiler(compiler: CodeCompiler | null): void {
  installed = compiler;
}

export function has_code_compiler(): boolean {
  return installed !== null;
}

/** The function with these parameters and this body; `filename` names it in stack traces. */
export function compile_function(params: string[], body: string, filename: string): (...args: any[]) => unknown {
  if (installed === null) throw new RuntimeError("No code compiler is installed: src/runtime installs one (set_code_compiler) before templates are compiled.");
  return installed(params, body, filename);
}
