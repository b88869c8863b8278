"""A small shop written the way Flask's Signals page teaches: receivers for Flask's own signals
(request_started and request_finished that log and change the response, got_request_exception
on an error, message_flashed with flash(), before_render_template adding to the context, the
application-context signals), a signal of the project's own in a Namespace whose receivers'
results the view uses, a receiver connected for the length of a block (connected_to), and, in
seed.py, template_rendered captured around the test client as Flask's testing docs do."""
from blinker import Namespace
from flask import (
    Flask,
    appcontext_popped,
    appcontext_pushed,
    appcontext_tearing_down,
    before_render_template,
    flash,
    g,
    got_request_exception,
    message_flashed,
    redirect,
    render_template,
    request,
    request_finished,
    request_started,
    request_tearing_down,
    template_rendered,
    url_for,
)

EVENTS = []  # what the receivers saw, in order; /events shows and empties it
CAPTURED = []  # what seed.py's test-like run captured
COUNT = [0]  # requests started

shop_signals = Namespace()
order_placed = shop_signals.signal("order-placed")


def log_request(sender, **extra):
    COUNT[0] += 1
    EVENTS.append(f"request_started #{COUNT[0]} {request.method} {request.path} (app {sender.name})")


def stamp_response(sender, response, **extra):
    EVENTS.append(f"request_finished {response.status}")
    response.headers["X-Request-Number"] = str(COUNT[0])
    if response.mimetype == "text/html":
        response.set_data(response.get_data(as_text=True) + f"\n<!-- request #{COUNT[0]} -->\n")


def log_exception(sender, exception, **extra):
    EVENTS.append(f"got_request_exception {type(exception).__name__}: {exception}")


def log_flash(sender, message, category, **extra):
    EVENTS.append(f"message_flashed [{category}] {message}")


def log_teardown(sender, exc, **extra):
    EVENTS.append(f"request_tearing_down exc={type(exc).__name__ if exc is not None else None}")


def log_rendered(sender, template, context, **extra):
    EVENTS.append(f"template_rendered {template.name} with {', '.join(sorted(context))}")


def price_of(sender, item, quantity, **extra):
    return {"tea": 3, "cake": 5}.get(item, 1) * quantity


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.from_mapping(test_config)

    request_started.connect(log_request, app)
    request_finished.connect(stamp_response, app)
    got_request_exception.connect(log_exception, app)
    message_flashed.connect(log_flash, app)
    request_tearing_down.connect(log_teardown, app)
    template_rendered.connect(log_rendered, app)
    order_placed.connect(price_of)

    @before_render_template.connect_via(app)
    def add_version(sender, template, context, **extra):
        context["version"] = "1.2"

    @appcontext_pushed.connect_via(app)
    def on_push(sender, **extra):
        EVENTS.append("appcontext_pushed")

    @appcontext_tearing_down.connect_via(app)
    def on_app_teardown(sender, exc, **extra):
        EVENTS.append(f"appcontext_tearing_down exc={type(exc).__name__ if exc is not None else None}")

    @appcontext_popped.connect_via(app)
    def on_pop(sender, **extra):
        EVENTS.append("appcontext_popped")

    @app.route("/")
    def index():
        return render_template("index.html", items=["tea", "cake"])

    @app.route("/order", methods=["POST"])
    def order():
        item = request.form["item"]
        quantity = int(request.form.get("quantity", "1"))
        results = order_placed.send(app, item=item, quantity=quantity)
        total = sum(value for receiver, value in results)
        flash(f"{quantity} x {item}: {total} EUR", "success")
        if quantity > 5:
            flash("That is a lot of " + item, "warning")
        return redirect(url_for("index"))

    @app.route("/boom")
    def boom():
        raise ValueError("the oven is cold")

    @app.route("/me")
    def me():
        return f"You are {g.get('user', 'anonymous')}."

    @app.route("/audit")
    def audit():
        rendered = []

        def record(sender, template, context, **extra):
            rendered.append(template.name)

        with template_rendered.connected_to(record, app):
            render_template("row.html", item="tea")
            render_template("row.html", item="cake")
        render_template("row.html", item="not recorded")
        return {"rendered": rendered, "receivers_after": len(list(template_rendered.receivers_for(app)))}

    @app.route("/events")
    def events():
        text = "\n".join(EVENTS)
        EVENTS.clear()
        return text, 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.route("/captured")
    def captured():
        return {"captured": CAPTURED}

    return app


app = create_app()
