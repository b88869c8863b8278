"""An app with its own commands, as Flask's "Command Line Interface" page writes them."""
import click
from flask import Blueprint, Flask, current_app
from flask.cli import AppGroup

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


@app.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id):
    return str(user_id)


@app.cli.command("create-user")
@click.argument("name")
@click.option("--admin", is_flag=True, help="Make the user an administrator.")
def create_user(name, admin):
    """Create a user named NAME."""
    click.echo(f"Created {name} (admin={admin}) in {current_app.name}")


user_cli = AppGroup("user", help="Manage users.")


@user_cli.command("list")
def list_users():
    """List the users."""
    click.echo("alice")
    click.echo("bob")


app.cli.add_command(user_cli)

bp = Blueprint("students", __name__)


@bp.cli.command("create")
@click.argument("name")
def create(name):
    """Create a student."""
    click.echo(f"student {name}")


app.register_blueprint(bp)

other = Blueprint("other", __name__, cli_group=None)


@other.cli.command("hello")
def hello():
    click.echo("hello from other")


app.register_blueprint(other)
