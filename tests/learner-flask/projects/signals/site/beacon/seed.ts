// beacon/seed.ts — a test-like run before the requests, as Flask's testing docs write it: the
// templates a request rendered (captured_templates), and a user set through appcontext_pushed
// (user_set, with connected_to); kept for /captured, then the receivers' log is emptied.
// Python's `with captured_templates(app) as templates:` is a callback given the value (ADR 0033).
import { appcontext_pushed, g, template_rendered } from "flask";
import { AssertionError } from "python";
import { CAPTURED, COUNT, EVENTS, app } from "./index";

function assert(condition) {
  if (!condition) throw new AssertionError();
}

function captured_templates(app, block) {
  const recorded = [];
  function record(sender, { template, context }) {
    recorded.push([template, context]);
  }
  template_rendered.connect(record, app);
  try {
    return block(recorded);
  } finally {
    template_rendered.disconnect(record, app);
  }
}

function user_set(app, user, block) {
  function handler(sender, kwargs) {
    g.user = user;
  }
  return appcontext_pushed.connected_to(handler, app, block);
}

export function seed() {
  CAPTURED.length = 0;
  captured_templates(app, (templates) => {
    const rv = app.test_client().get("/");
    assert(rv.status_code === 200);
    assert(templates.length === 1);
    const [template, context] = templates[0];
    CAPTURED.push({ template: template.name, items: context.items, version: context.version, keys: Object.keys(context).sort() });
  });
  user_set(app, "ada", () => {
    const rv = app.test_client().get("/me");
    CAPTURED.push({ me: rv.get_data(true) });
  });
  CAPTURED.push({ after: app.test_client().get("/me").get_data(true) });
  EVENTS.length = 0;
  COUNT[0] = 0;
}
