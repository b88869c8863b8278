/**
 * django.utils.html: text → HTML-safe text. `escape` replaces the five characters that could open a
 * tag or an attribute (`& < > " '`) with entities, exactly as Django does (`'` → `&#x27;`).
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escape(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
