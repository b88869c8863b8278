/**
 * Database: the project's SQLite database, independent of any trace. `manage.py` commands
 * (makemigrations, migrate, showmigrations, sqlmigrate) with their output — the migration files
 * makemigrations writes join the project and open in the editor — and the tables with their row
 * counts, schema and rows (read-only, a page at a time). The database downloads as a `.sqlite`
 * file (DB Browser for SQLite opens it) and a `.sqlite` file uploads in its place.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { checkSqliteFile, databaseFileName } from "../share/database-file";
import { useSession } from "../session-context";
import type { Outcome } from "../../runtime/client";
import type { CommandResult, ManagementCommand, SelectResult, TableInfo } from "../../runtime/protocol";

const PAGE = 50;

type CommandView = { title: string; text: string; tone: "ok" | "error"; files: string[] };

function describeCommand(title: string, outcome: Outcome<CommandResult>): CommandView {
  if (outcome.kind === "deadline") return { title, text: "The command was still running at the deadline: the runtime was restarted and the database is as it was.", tone: "error", files: [] };
  if (outcome.kind === "failed") return { title, text: `${outcome.error.type}: ${outcome.error.message}`, tone: "error", files: [] };
  const r = outcome.value;
  if (!r.ok) return { title, text: `${r.error.type}: ${r.error.message}`, tone: "error", files: [] };
  return { title, text: r.output || "(no output)", tone: "ok", files: Object.keys(r.files) };
}

/** `app/migrations/0002_name.ts` → [app, "0002_name"], for sqlmigrate's choices. */
function migrationsOf(files: Record<string, string>): { app: string; name: string }[] {
  return Object.keys(files)
    .map((p) => p.match(/^(?:.*\/)?([A-Za-z_]\w*)\/migrations\/(\d{4}_\w+)\.ts$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ app: m[1], name: m[2] }))
    .sort((a, b) => (a.app + a.name).localeCompare(b.app + b.name));
}

function Commands({ onDone }: { onDone: () => void }) {
  const session = useSession();
  const files = useLab((s) => s.files);
  const migrations = useMemo(() => migrationsOf(files), [files]);
  const [target, setTarget] = useState("");
  const [running, setRunning] = useState<string | null>(null);
  const [view, setView] = useState<CommandView | null>(null);
  const chosen = migrations.find((m) => `${m.app}.${m.name}` === target) ?? migrations[migrations.length - 1];
  const run = async (title: string, command: ManagementCommand) => {
    setRunning(title);
    const outcome = await session.runCommand(command);
    setRunning(null);
    setView(describeCommand(title, outcome));
    onDone();
  };
  return (
    <section className="kv-section db-commands" aria-label="Management commands">
      <h3>manage.py</h3>
      <div className="db-command-row">
        <button className="button" disabled={running !== null} onClick={() => void run("makemigrations", { command: "makemigrations" })}>
          makemigrations
        </button>
        <button className="button" disabled={running !== null} onClick={() => void run("migrate", { command: "migrate" })}>
          migrate
        </button>
        <button className="button" disabled={running !== null} onClick={() => void run("showmigrations", { command: "showmigrations" })}>
          showmigrations
        </button>
      </div>
      <div className="db-command-row">
        <label className="field">
          <span className="field-label">Migration</span>
          <select aria-label="Migration for sqlmigrate" value={chosen ? `${chosen.app}.${chosen.name}` : ""} onChange={(e) => setTarget(e.target.value)} disabled={!migrations.length}>
            {migrations.map((m) => (
              <option key={`${m.app}.${m.name}`} value={`${m.app}.${m.name}`}>
                {m.app} {m.name}
              </option>
            ))}
          </select>
        </label>
        <button className="button" disabled={running !== null || !chosen} onClick={() => chosen && void run(`sqlmigrate ${chosen.app} ${chosen.name}`, { command: "sqlmigrate", app_label: chosen.app, migration_name: chosen.name })}>
          sqlmigrate
        </button>
      </div>
      {running && <p className="muted">Running manage.py {running}…</p>}
      {view && (
        <div className="db-output">
          <div className="muted">$ python manage.py {view.title}</div>
          <pre className={`mono${view.tone === "error" ? " error-text" : ""}`} aria-label="Command output" tabIndex={0}>
            {view.text}
          </pre>
          {view.files.length > 0 && <p className="muted">Added to the project (open in the editor): {view.files.join(", ")}</p>}
        </div>
      )}
    </section>
  );
}

function TableRows({ table, version }: { table: TableInfo; version: number }) {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<SelectResult | null>(null);
  useEffect(() => setOffset(0), [table.name]);
  useEffect(() => {
    let live = true;
    const quoted = `"${table.name.replace(/"/g, '""')}"`;
    void session.select(`SELECT * FROM ${quoted} LIMIT ${PAGE} OFFSET ${offset}`).then((o) => {
      if (live) setResult(o.kind === "done" ? o.value : { ok: false, error: o.kind === "failed" ? o.error : { type: "Deadline", message: "The runtime was restarted.", frames: [] } });
    });
    return () => {
      live = false;
    };
  }, [session, table.name, offset, version]);
  if (!result) return <p className="muted">Loading rows…</p>;
  if (!result.ok) return <p className="error-text">{result.error.message}</p>;
  return (
    <div className="db-rows">
      <details>
        <summary>Schema</summary>
        <pre className="mono">{table.sql}</pre>
      </details>
      <div className="db-table-scroll">
        <table className="db-table" aria-label={`Rows of ${table.name}`}>
          <thead>
            <tr>
              {result.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row, i) => (
              <tr key={offset + i}>
                {row.map((cell, j) => (
                  <td key={j} className={cell === null ? "muted" : typeof cell === "number" ? "num" : undefined}>
                    {cell === null ? "NULL" : String(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="db-pager">
        <button className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous rows
        </button>
        <span className="muted">
          rows {table.rows ? offset + 1 : 0}–{Math.min(offset + PAGE, table.rows)} of {table.rows}
        </span>
        <button className="button" disabled={offset + PAGE >= table.rows} onClick={() => setOffset(offset + PAGE)}>
          Next rows
        </button>
      </div>
    </div>
  );
}

function saveBytes(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.sqlite3" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download the database as a .sqlite file; upload one in its place. */
function DatabaseFile() {
  const store = useLabStore();
  const session = useSession();
  const title = useLab((s) => s.scenario?.title ?? "framework-lab");
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const say = (text: string, tone: "info" | "warn" = "info") => {
    setStatus(text);
    if (tone === "warn") store.setState({ notice: { tone, text } });
  };
  return (
    <div className="db-command-row">
      <button
        className="button"
        title="The database as a SQLite file: DB Browser for SQLite or the sqlite3 shell open it"
        onClick={async () => {
          const result = await session.exportDatabase();
          if (!result.ok) return say(`The database could not be downloaded: ${result.message}`, "warn");
          saveBytes(databaseFileName(title), result.image);
          say(`Downloaded ${databaseFileName(title)} (${result.image.length.toLocaleString("en")} bytes).`);
        }}
      >
        Download .sqlite
      </button>
      <button className="button" title="Replace the database with a SQLite file (the project's code stays as it is)" onClick={() => input.current?.click()}>
        Upload .sqlite…
      </button>
      <input
        ref={input}
        type="file"
        accept=".sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3"
        aria-label="SQLite file to upload"
        hidden
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          const bytes = new Uint8Array(await file.arrayBuffer());
          const problem = checkSqliteFile(bytes);
          if (problem) return say(`${file.name} was not loaded: ${problem}. The database is unchanged.`, "warn");
          const result = await session.importDatabase(bytes);
          say(result.ok ? `The database is now ${file.name}.` : `${file.name} could not be opened: ${result.message}. The database is as it was.`, result.ok ? "info" : "warn");
        }}
      />
      {status && (
        <span className="muted" role="status">
          {status}
        </span>
      )}
    </div>
  );
}

export function DatabasePanel() {
  const session = useSession();
  const version = useLab((s) => s.databaseVersion);
  const blocked = useLab((s) => s.runtime === "blocked" || s.runtime === "inert");
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const reload = useCallback(() => setRefresh((n) => n + 1), []);
  useEffect(() => {
    if (blocked) return;
    let live = true;
    void session.tables().then((o) => {
      if (!live) return;
      if (o.kind === "done" && o.value.ok) {
        setTables(o.value.tables);
        setError(null);
      } else setError(o.kind === "done" && !o.value.ok ? o.value.error.message : o.kind === "failed" ? o.error.message : "The runtime was restarted.");
    });
    return () => {
      live = false;
    };
  }, [session, version, refresh, blocked]);
  const table = tables?.find((t) => t.name === open) ?? null;
  return (
    <div className="database-panel">
      <Commands onDone={reload} />
      <section className="kv-section" aria-label="Tables">
        <div className="db-heading">
          <h3>Tables</h3>
          <span className="grow" />
          <button
            className="button"
            title="Start again from a fresh database: the scenario's migrate and seed steps run again"
            onClick={() => {
              if (confirm("Throw the database away and run the scenario's setup again?")) void session.resetDatabase();
            }}
          >
            Reset database
          </button>
        </div>
        <DatabaseFile />
        {blocked && <p className="hint">Nothing has run yet: press Send to run the project.</p>}
        {error && <p className="error-text">{error}</p>}
        {tables && !tables.length && <p className="hint">The database has no tables yet: run migrate.</p>}
        {tables && tables.length > 0 && (
          <ul className="db-tables">
            {tables.map((t) => (
              <li key={t.name}>
                <button className={`db-table-button${t.name === open ? " selected" : ""}`} aria-pressed={t.name === open} onClick={() => setOpen(t.name === open ? null : t.name)}>
                  <span className="mono">{t.name}</span>
                  <span className="muted">
                    {t.rows} row{t.rows === 1 ? "" : "s"}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {table && <TableRows table={table} version={version} />}
      </section>
    </div>
  );
}

export default DatabasePanel;
