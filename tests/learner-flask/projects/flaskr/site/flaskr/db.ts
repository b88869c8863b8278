// flaskr/db.ts — one SQLite connection per application context, kept on g.
import { current_app, g } from "flask";
import { utf8_decode } from "python";
import * as sqlite3 from "python/sqlite3";

export function get_db() {
  if (!("db" in g)) {
    g.db = sqlite3.connect(current_app.config.getitem("DATABASE"), { detect_types: sqlite3.PARSE_DECLTYPES });
    g.db.row_factory = sqlite3.Row;
  }
  return g.db;
}

export function close_db(e = null) {
  const db = g.pop("db", null);
  if (db !== null) db.close();
}

export function init_db() {
  const db = get_db();
  const f = current_app.open_resource("schema.sql");
  db.executescript(utf8_decode(f.read()));
}

export function init_app(app) {
  app.teardown_appcontext(close_db);
}
