// flaskr/blog.ts — the posts: list, create, update and delete (the author only).
import { Blueprint, flash, g, redirect, render_template, request, url_for } from "flask";
import { abort } from "werkzeug/exceptions";
import { login_required } from "./auth";
import { get_db } from "./db";

export const bp = new Blueprint("blog", "flaskr.blog");

const POSTS = "SELECT p.id, title, body, created, author_id, username FROM post p JOIN user u ON p.author_id = u.id";

bp.route("/")(function index() {
  const posts = get_db().execute(`${POSTS} ORDER BY created DESC, p.id DESC`).fetchall();
  return render_template("blog/index.html", { posts });
});

bp.route("/create", { methods: ["GET", "POST"] })(login_required(function create() {
  if (request.method === "POST") {
    const title = request.form.getitem("title");
    const body = request.form.getitem("body");
    let error = null;
    if (!title) error = "Title is required.";
    if (error !== null) flash(error);
    else {
      const db = get_db();
      db.execute("INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)", [title, body, g.user["id"]]);
      db.commit();
      return redirect(url_for("blog.index"));
    }
  }
  return render_template("blog/create.html");
}));

export function get_post(id, check_author = true) {
  const post = get_db().execute(`${POSTS} WHERE p.id = ?`, [id]).fetchone();
  if (post === null) abort(404, `Post id ${id} doesn't exist.`);
  if (check_author && post["author_id"] !== g.user["id"]) abort(403);
  return post;
}

bp.route("/<int:id>/update", { methods: ["GET", "POST"] })(login_required(function update({ id }) {
  const post = get_post(id);
  if (request.method === "POST") {
    const title = request.form.getitem("title");
    const body = request.form.getitem("body");
    let error = null;
    if (!title) error = "Title is required.";
    if (error !== null) flash(error);
    else {
      const db = get_db();
      db.execute("UPDATE post SET title = ?, body = ? WHERE id = ?", [title, body, id]);
      db.commit();
      return redirect(url_for("blog.index"));
    }
  }
  return render_template("blog/update.html", { post });
}));

bp.route("/<int:id>/delete", { methods: ["POST"], endpoint: "delete" })(login_required(function delete_({ id }) {
  get_post(id);
  const db = get_db();
  db.execute("DELETE FROM post WHERE id = ?", [id]);
  db.commit();
  return redirect(url_for("blog.index"));
}));
