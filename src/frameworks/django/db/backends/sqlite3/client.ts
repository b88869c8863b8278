/**
 * django.db.backends.sqlite3.client: `manage.py dbshell` → the `sqlite3` command-line shell on the
 * project's database. Django runs the real `sqlite3` program; here the shell is written out: SQL
 * typed at `sqlite> ` (continued at `   ...> ` until a `;`), run on the project's connection (so
 * each statement shows in the SQL panel), rows printed in sqlite3's default list mode
 * (`1|Hello`), and its dot-commands `.tables`, `.schema`, `.headers`, `.mode`, `.help`, `.quit`.
 * Main class: `DatabaseClient`.
 */
import { EOFError, KeyboardInterrupt, input, stdin, stdout } from "../../../../python/sys";
import type { BaseDatabaseWrapper } from "../base/base";

type Mode = "list" | "column" | "line";

export class DatabaseClient {
  executable_name = "sqlite3";
  private headers = false;
  private mode: Mode = "list";

  constructor(readonly connection: BaseDatabaseWrapper) {}

  /** `sqlite3 db.sqlite3`, read-eval-print until `.quit` or end of input. */
  async runshell(parameters: string[] = []): Promise<void> {
    if (parameters.length) {
      // sqlite3 takes SQL as a parameter and runs it instead of the interactive shell.
      this.run_sql(parameters.join(" "));
      return;
    }
    // Reading a pipe, sqlite3 prints no banner and no prompts: it runs what it reads.
    const tty = stdin.isatty();
    const [version] = this.connection.cursor().execute("SELECT sqlite_version()").fetchone() ?? ["3"];
    if (tty) stdout.write(`SQLite version ${String(version)}\nEnter ".help" for usage hints.\n`);
    let buffer = "";
    for (;;) {
      let line: string;
      try {
        line = await input(!tty ? "" : buffer ? "   ...> " : "sqlite> ");
      } catch (e) {
        if (e instanceof EOFError) {
          if (tty) stdout.write("\n");
          return;
        }
        if (e instanceof KeyboardInterrupt) {
          buffer = "";
          continue;
        }
        throw e;
      }
      if (!buffer && line.trim().startsWith(".")) {
        if (this.dot_command(line.trim()) === "quit") return;
        continue;
      }
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (!buffer.trim()) {
        buffer = "";
        continue;
      }
      if (buffer.trim().endsWith(";")) {
        this.run_sql(buffer);
        buffer = "";
      }
    }
  }

  /** Each `;`-terminated statement in turn; an error prints sqlite3's "Parse error" / "Runtime error" line and stops. */
  run_sql(sql: string): void {
    for (const statement of split_statements(sql)) {
      try {
        const cursor = this.connection.cursor().execute(statement);
        const columns = (cursor.description ?? []).map((d) => String(d[0]));
        this.print_rows(columns, cursor.fetchall() as unknown[][]);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        stdout.write(`${/syntax error|incomplete input|unrecognized token/.test(message) ? "Parse error" : "Runtime error"}: ${message}\n`);
        return;
      }
    }
  }

  private print_rows(columns: string[], rows: unknown[][]): void {
    if (!columns.length) return;
    const cell = (v: unknown) => (v === null || v === undefined ? "" : v instanceof Uint8Array ? `<${v.length} bytes>` : typeof v === "boolean" ? (v ? "1" : "0") : String(v));
    if (this.mode === "line") {
      const width = Math.max(...columns.map((c) => c.length));
      stdout.write(rows.map((row) => columns.map((c, i) => `${c.padStart(width)} = ${cell(row[i])}`).join("\n")).join("\n\n") + (rows.length ? "\n" : ""));
      return;
    }
    if (this.mode === "column") {
      const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => cell(r[i]).length)));
      const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd();
      const out = [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((r) => line(r.map(cell)))];
      stdout.write(out.join("\n") + "\n");
      return;
    }
    const out = [...(this.headers ? [columns.join("|")] : []), ...rows.map((r) => r.map(cell).join("|"))];
    if (out.length) stdout.write(out.join("\n") + "\n");
  }

  /** The dot-commands a learner reaches for first. */
  private dot_command(line: string): "quit" | null {
    const [command, ...args] = line.split(/\s+/);
    switch (command) {
      case ".quit":
      case ".exit":
        return "quit";
      case ".tables": {
        const rows = this.connection.cursor().execute("SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall() as unknown[][];
        if (rows.length) stdout.write(rows.map((r) => String(r[0])).join("  ") + "\n");
        return null;
      }
      case ".schema": {
        const where = args[0] ? ` AND tbl_name = '${args[0].replace(/'/g, "''")}'` : "";
        const rows = this.connection.cursor().execute(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'${where} ORDER BY rowid`).fetchall() as unknown[][];
        if (rows.length) stdout.write(rows.map((r) => `${String(r[0])};`).join("\n") + "\n");
        return null;
      }
      case ".headers":
        this.headers = args[0] === "on";
        return null;
      case ".mode":
        if (args[0] === "list" || args[0] === "column" || args[0] === "line") this.mode = args[0];
        else stdout.write(`Error: mode should be one of: column line list\n`);
        return null;
      case ".help":
        stdout.write(
          [
            ".exit                    Exit this program",
            ".headers on|off          Turn display of headers on or off",
            ".help                    Show this message",
            ".mode MODE               Set output mode: column, line or list",
            ".quit                    Exit this program",
            ".schema ?TABLE?          Show the CREATE statements",
            ".tables                  List names of tables",
            "",
          ].join("\n"),
        );
        return null;
      default:
        stdout.write(`Error: unknown command or invalid arguments:  "${command.slice(1)}". Enter ".help" for help\n`);
        return null;
    }
  }
}

/** SQL text → its statements (semicolons inside quotes do not split). */
export function split_statements(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ";") {
      if (current.trim()) statements.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
