// flaskr/db.ts — the tutorial's flaskr/db.py: one SQLite connection per application context, kept
// on g; `flask --app flaskr init-db` creates the tables.
import * as sqlite3 from "python/sqlite3";
import { datetime } from "python/datetime";
import { utf8_decode } from "python";

import * as click from "click";
import { current_app, g } from "flask";

export function get_db() {
  if (!("db" in g)) {
    g.db = sqlite3.connect(
      current_app.config.getitem("DATABASE"),
      { detect_types: sqlite3.PARSE_DECLTYPES },
    );
    g.db.row_factory = sqlite3.Row;
  }

  return g.db;
}

export function close_db(e = null) {
  const db = g.pop("db", null);

  if (db !== null) {
    db.close();
  }
}

export function init_db() {
  const db = get_db();

  const f = current_app.open_resource("schema.sql");
  db.executescript(utf8_decode(f.read()));
}

export const init_db_command = click.command("init-db")(function init_db_command() {
  "Clear the existing data and create new tables.";
  init_db();
  click.echo("Initialized the database.");
});

sqlite3.register_converter(
  "timestamp", (v) => datetime.fromisoformat(utf8_decode(v)),
);

export function init_app(app) {
  app.teardown_appcontext(close_db);
  app.cli.add_command(init_db_command);
}
