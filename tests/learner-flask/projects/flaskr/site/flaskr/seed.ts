// flaskr/seed.ts — set up as the tutorial's tests do: the schema, two users and one post.
import { generate_password_hash } from "werkzeug/security";
import { get_db, init_db } from "./db";
import { app } from "./index";

export function seed() {
  const ctx = app.app_context();
  ctx.push();
  try {
    init_db();
    const db = get_db();
    db.execute("INSERT INTO user (username, password) VALUES (?, ?)", ["test", generate_password_hash("test", "pbkdf2:sha256:1000")]);
    db.execute("INSERT INTO user (username, password) VALUES (?, ?)", ["other", generate_password_hash("other", "pbkdf2:sha256:1000")]);
    db.execute("INSERT INTO post (title, body, author_id, created) VALUES (?, ?, ?, ?)", ["test title", "test\nbody", 1, "2018-01-01 00:00:00"]);
    db.commit();
  } finally {
    ctx.pop();
  }
}
