/**
 * flask.signals: the moments of a request and of the application context → named blinker signals
 * a project can connect receivers to. Main object: the `_signals` Namespace holding them.
 *
 * Sent by Flask itself, each with the application as sender and these keyword arguments:
 *
 *   appcontext_pushed        AppContext.push, after the context became current      —
 *   request_started          full_dispatch_request, before the before_request hooks —
 *   before_render_template   render_template, after the context processors          template, context
 *   template_rendered        render_template, once the template rendered            template, context
 *   message_flashed          flash(), after the message was stored in the session    message, category
 *   got_request_exception    handle_exception, before anything handles it           exception
 *   request_finished         finalize_request, after the after_request hooks         response
 *   request_tearing_down     do_teardown_request, after the teardown_request hooks   exc
 *   appcontext_tearing_down  do_teardown_appcontext, after its teardown hooks        exc
 *   appcontext_popped        AppContext.pop, after the context was reset            —
 *
 *     import { template_rendered } from "flask";
 *     template_rendered.connect(function log_render(sender, { template, context }) { … }, app);
 */
import { Namespace } from "../blinker/base";

/** This namespace is only for the signals Flask itself sends. */
export const _signals = new Namespace();

export const template_rendered = _signals.signal("template-rendered");
export const before_render_template = _signals.signal("before-render-template");
export const request_started = _signals.signal("request-started");
export const request_finished = _signals.signal("request-finished");
export const request_tearing_down = _signals.signal("request-tearing-down");
export const got_request_exception = _signals.signal("got-request-exception");
export const appcontext_tearing_down = _signals.signal("appcontext-tearing-down");
export const appcontext_pushed = _signals.signal("appcontext-pushed");
export const appcontext_popped = _signals.signal("appcontext-popped");
export const message_flashed = _signals.signal("message-flashed");
