/**
 * Database files: the project's database ↔ a `.sqlite` file (what DB Browser for SQLite, the
 * sqlite3 shell or Django's own db.sqlite3 are). Main function: `checkSqliteFile`, which reads an
 * uploaded file's header before anything is given to the runtime, so a wrong file gets a clear
 * reason and changes nothing. Pure (no DOM).
 */

/** Bigger than any lesson's database; a file past it is refused before it is read. */
export const MAX_DATABASE_BYTES = 64 * 1024 * 1024;

const MAGIC = "SQLite format 3\u0000";

/** Why `bytes` is not a SQLite database file this page can open, or null when it is. */
export function checkSqliteFile(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_DATABASE_BYTES) return `it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB (at most ${MAX_DATABASE_BYTES / 1024 / 1024} MB)`;
  if (bytes.length < 100) return "it is too short to be a SQLite database (a SQLite file starts with a 100-byte header)";
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return 'it is not a SQLite database (it does not start with "SQLite format 3")';
  const raw = (bytes[16] << 8) | bytes[17];
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `its header gives a page size of ${raw}, which SQLite never writes`;
  if (bytes.length % pageSize !== 0) return `it is ${bytes.length} bytes, not a whole number of ${pageSize}-byte pages (a cut-off download?)`;
  return null;
}

/** `Blog: posts and authors` → `blog-posts-and-authors.sqlite`. */
export function databaseFileName(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "framework-lab";
  return `${slug}.sqlite`;
}
