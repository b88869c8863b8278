/**
 * The one place generated framework code becomes functions (ADR 0016): installs
 * `python/compile`'s code compiler with `new Function`, naming the source for stack traces.
 * Called once by the module loader (worker and headless alike), by the conformance runner, the
 * benchmarks and the Vitest setup.
 */
import { has_code_compiler, set_code_compiler } from "../frameworks/python/compile";

export function install_code_compiler(): void {
  if (has_code_compiler()) return;
  set_code_compiler((params, body, filename) => new Function(...params, `${body}\n//# sourceURL=${filename.replace(/[\s\n]/g, "_")}`) as (...args: any[]) => unknown);
}
