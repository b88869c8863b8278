// beacon/index.ts (the package, as beacon/__init__.py) — a small shop written the way Flask's
// Signals page teaches: receivers for Flask's own signals (request_started and request_finished
// that log and change the response, got_request_exception on an error, message_flashed with
// flash(), before_render_template adding to the context, the application-context signals), a
// signal of the project's own in a Namespace whose receivers' results the view uses, a receiver
// connected for the length of a block (connected_to), and, in seed.ts, template_rendered captured
// around the test client as Flask's testing docs do.
//
// The receivers connected with `connect(fn, app)` are held weakly, as in blinker: they are exported,
// so the module keeps them alive as Python's module globals do (docs/adr/0039). Those defined inside
// create_app use connect_via, which holds them strongly.
import { Namespace } from "blinker";
import {
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
} from "flask";
import { ValueError, int, py_tuple } from "python";

export const EVENTS = []; // what the receivers saw, in order; /events shows and empties it
export const CAPTURED = []; // what seed.ts's test-like run captured
export const COUNT = [0]; // requests started

export const shop_signals = new Namespace();
export const order_placed = shop_signals.signal("order-placed");

const type_name = (exc) => (exc !== null ? exc.constructor.name : "None");

export function log_request(sender, extra) {
  COUNT[0] += 1;
  EVENTS.push(`request_started #${COUNT[0]} ${request.method} ${request.path} (app ${sender.name})`);
}

export function stamp_response(sender, { response }) {
  EVENTS.push(`request_finished ${response.status}`);
  response.headers.set("X-Request-Number", String(COUNT[0]));
  if (response.mimetype === "text/html") response.set_data(response.get_data(true) + `\n<!-- request #${COUNT[0]} -->\n`);
}

export function log_exception(sender, { exception }) {
  EVENTS.push(`got_request_exception ${type_name(exception)}: ${exception}`);
}

export function log_flash(sender, { message, category }) {
  EVENTS.push(`message_flashed [${category}] ${message}`);
}

export function log_teardown(sender, { exc }) {
  EVENTS.push(`request_tearing_down exc=${type_name(exc)}`);
}

export function log_rendered(sender, { template, context }) {
  EVENTS.push(`template_rendered ${template.name} with ${Object.keys(context).sort().join(", ")}`);
}

export function price_of(sender, { item, quantity }) {
  return ({ tea: 3, cake: 5 }[item] ?? 1) * quantity;
}

export function create_app(test_config = null) {
  const app = new Flask("beacon");
  app.config.from_mapping({ SECRET_KEY: "dev" });
  if (test_config) app.config.from_mapping(test_config);

  request_started.connect(log_request, app);
  request_finished.connect(stamp_response, app);
  got_request_exception.connect(log_exception, app);
  message_flashed.connect(log_flash, app);
  request_tearing_down.connect(log_teardown, app);
  template_rendered.connect(log_rendered, app);
  order_placed.connect(price_of);

  before_render_template.connect_via(app)(function add_version(sender, { template, context }) {
    context.version = "1.2";
  });

  appcontext_pushed.connect_via(app)(function on_push(sender, extra) {
    EVENTS.push("appcontext_pushed");
  });

  appcontext_tearing_down.connect_via(app)(function on_app_teardown(sender, { exc }) {
    EVENTS.push(`appcontext_tearing_down exc=${type_name(exc)}`);
  });

  appcontext_popped.connect_via(app)(function on_pop(sender, extra) {
    EVENTS.push("appcontext_popped");
  });

  app.route("/")(function index() {
    return render_template("index.html", { items: ["tea", "cake"] });
  });

  app.route("/order", { methods: ["POST"] })(function order() {
    const item = request.form.getitem("item");
    const quantity = int(request.form.get("quantity", "1"));
    const results = order_placed.send(app, { item, quantity });
    const total = results.reduce((sum, [receiver, value]) => sum + value, 0);
    flash(`${quantity} x ${item}: ${total} EUR`, "success");
    if (quantity > 5) flash("That is a lot of " + item, "warning");
    return redirect(url_for("index"));
  });

  app.route("/boom")(function boom() {
    throw new ValueError("the oven is cold");
  });

  app.route("/me")(function me() {
    return `You are ${g.get("user", "anonymous")}.`;
  });

  app.route("/audit")(function audit() {
    const rendered = [];
    function record(sender, { template, context }) {
      rendered.push(template.name);
    }
    template_rendered.connected_to(record, app, () => {
      render_template("row.html", { item: "tea" });
      render_template("row.html", { item: "cake" });
    });
    render_template("row.html", { item: "not recorded" });
    return { rendered, receivers_after: [...template_rendered.receivers_for(app)].length };
  });

  app.route("/events")(function events() {
    const text = EVENTS.join("\n");
    EVENTS.length = 0;
    return py_tuple(text, 200, { "Content-Type": "text/plain; charset=utf-8" });
  });

  app.route("/captured")(function captured() {
    return { captured: CAPTURED };
  });

  return app;
}

export const app = create_app();
