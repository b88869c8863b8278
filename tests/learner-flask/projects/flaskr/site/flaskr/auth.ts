// flaskr/auth.ts — register, log in and out; who is logged in is loaded before every request.
import { Blueprint, flash, g, redirect, render_template, request, session, url_for } from "flask";
import { wraps } from "python/functools";
import { check_password_hash, generate_password_hash } from "werkzeug/security";
import { get_db } from "./db";

export const bp = new Blueprint("auth", "flaskr.auth", { url_prefix: "/auth" });

bp.route("/register", { methods: ["GET", "POST"] })(function register() {
  if (request.method === "POST") {
    const username = request.form.getitem("username");
    const password = request.form.getitem("password");
    const db = get_db();
    let error = null;
    if (!username) error = "Username is required.";
    else if (!password) error = "Password is required.";
    if (error === null) {
      try {
        db.execute("INSERT INTO user (username, password) VALUES (?, ?)", [username, generate_password_hash(password)]);
        db.commit();
        return redirect(url_for("auth.login"));
      } catch (e) {
        if (!(e instanceof db.IntegrityError)) throw e;
        error = `User ${username} is already registered.`;
      }
    }
    flash(error);
  }
  return render_template("auth/register.html");
});

bp.route("/login", { methods: ["GET", "POST"] })(function login() {
  if (request.method === "POST") {
    const username = request.form.getitem("username");
    const password = request.form.getitem("password");
    const db = get_db();
    let error = null;
    const user = db.execute("SELECT * FROM user WHERE username = ?", [username]).fetchone();
    if (user === null) error = "Incorrect username.";
    else if (!check_password_hash(user["password"], password)) error = "Incorrect password.";
    if (error === null) {
      session.clear();
      session.set("user_id", user["id"]);
      return redirect(url_for("index"));
    }
    flash(error);
  }
  return render_template("auth/login.html");
});

bp.before_app_request(function load_logged_in_user() {
  const user_id = session.get("user_id");
  if (user_id === null) g.user = null;
  else g.user = get_db().execute("SELECT * FROM user WHERE id = ?", [user_id]).fetchone();
});

bp.route("/logout")(function logout() {
  session.clear();
  return redirect(url_for("index"));
});

export function login_required(view) {
  return wraps(view)(function wrapped_view(kwargs) {
    if (g.user === null) return redirect(url_for("auth.login"));
    return view(kwargs);
  });
}
