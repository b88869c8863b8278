/** An error from the runtime → editor markers at its file and line (the innermost user frame first). */
import type { ErrorInfo } from "../runtime/protocol";
import type { LabState } from "./state/store";

export function markersFromError(error: ErrorInfo): LabState["markers"] {
  const markers: LabState["markers"] = {};
  const where = error.source ?? error.frames[0];
  if (where?.line) markers[where.file] = [{ line: where.line, column: where.column, message: `${error.type}: ${error.message}` }];
  return markers;
}
