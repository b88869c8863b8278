/**
 * The packages every project can import, whatever its framework: Python's built-ins and the parts
 * of its standard library the frameworks use (`python`, `python/datetime`, …), and `lab` (what a
 * project can tell the trace itself). One line per module: the export name is the import path.
 */
import * as python_builtins from "../frameworks/python/builtins";
import * as python_bytes from "../frameworks/python/bytes";
import { bases, python_class } from "../frameworks/python/mro";

// `import { b, ValueError } from "python"`: the built-ins and the bytes helpers together.
const python_package = Object.freeze({ ...python_builtins, ...python_bytes, bases, python_class });
export { python_package as "python" };

export * as "python/builtins" from "../frameworks/python/builtins";
export * as "python/bytes" from "../frameworks/python/bytes";
export * as "python/datetime" from "../frameworks/python/datetime";
export * as "python/decimal" from "../frameworks/python/decimal";
export * as "python/uuid" from "../frameworks/python/uuid";
export * as "python/secrets" from "../frameworks/python/secrets";
export * as "python/json" from "../frameworks/python/json";
export * as "python/functools" from "../frameworks/python/functools";
export * as "python/mro" from "../frameworks/python/mro";
export * as "lab" from "../frameworks/lab";
export * as "lab/trace" from "../frameworks/lab/trace";
export * as "python/typing" from "../frameworks/python/typing";
export * as "python/sqlite3" from "../frameworks/python/sqlite3";
export * as "python/unittest" from "../frameworks/python/unittest";

// Pydantic is importable from every project too (a Flask or Django project may validate with it),
// but its code comes with the FastAPI mode's (modes/fastapi/modules.ts), evaluated on first use.
