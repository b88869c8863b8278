// flaskr/index.ts (the package, as flaskr/__init__.py) — the Flask tutorial's blog: an application factory, a database helper on g,
// an auth and a blog blueprint, sessions and flashed messages.
import { Flask } from "flask";
import * as db from "./db";
import * as auth from "./auth";
import * as blog from "./blog";

export function create_app(test_config = null) {
  const app = new Flask("flaskr", { instance_relative_config: true });
  app.config.from_mapping({
    SECRET_KEY: "dev",
    DATABASE: `${app.instance_path}/flaskr.sqlite`,
  });
  if (test_config !== null) app.config.from_mapping(test_config);

  app.route("/hello")(function hello() {
    return "Hello, World!";
  });

  db.init_app(app);
  app.register_blueprint(auth.bp);
  app.register_blueprint(blog.bp);
  app.add_url_rule("/", { endpoint: "index" });

  return app;
}

export const app = create_app();
