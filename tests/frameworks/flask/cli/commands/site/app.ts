// app.ts — an app with its own commands, as Flask's "Command Line Interface" page writes them.
import * as click from "click";
import { Blueprint, Flask, current_app } from "flask";
import { AppGroup } from "flask/cli";

export const app = new Flask("app");

app.route("/")(function index() {
  return "Hello";
});

app.route("/users/<int:user_id>", { methods: ["GET", "POST"] })(function user({ user_id }) {
  return String(user_id);
});

app.cli.command("create-user")(
  click.argument("name")(
    click.option("--admin", { is_flag: true, help: "Make the user an administrator." })(function create_user({ name, admin }) {
      "Create a user named NAME.";
      click.echo(`Created ${name} (admin=${admin ? "True" : "False"}) in ${current_app.name}`);
    }),
  ),
);

const user_cli = new AppGroup("user", { help: "Manage users." });

user_cli.command("list")(function list_users() {
  "List the users.";
  click.echo("alice");
  click.echo("bob");
});

app.cli.add_command(user_cli);

const bp = new Blueprint("students", "app");

bp.cli.command("create")(
  click.argument("name")(function create({ name }) {
    "Create a student.";
    click.echo(`student ${name}`);
  }),
);

app.register_blueprint(bp);

const other = new Blueprint("other", "app", { cli_group: null });

other.cli.command("hello")(function hello() {
  click.echo("hello from other");
});

app.register_blueprint(other);
