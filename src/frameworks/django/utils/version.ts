/**
 * django.utils.version: the Django release these modules reproduce, as `django.VERSION` and
 * `django.get_version()` give it (`manage.py --version` prints it).
 */
import { PyTuple, py_tuple } from "../../python/builtins";

/** `django.VERSION`: (major, minor, micro, release level, serial). */
export const VERSION: PyTuple = py_tuple(5, 2, 17, "final", 0);

/** `django.get_version()`: "5.2.17". */
export function get_version(version: readonly unknown[] = VERSION): string {
  const [major, minor, micro, level, serial] = version as [number, number, number, string, number];
  const main = micro === 0 ? `${major}.${minor}` : `${major}.${minor}.${micro}`;
  const sub = level === "final" ? "" : `${{ alpha: "a", beta: "b", rc: "rc" }[level] ?? level}${serial}`;
  return main + sub;
}

/** `django.utils.version.get_docs_version()`: "5.2". */
export function get_docs_version(version: readonly unknown[] = VERSION): string {
  const [major, minor] = version as [number, number];
  return `${major}.${minor}`;
}
