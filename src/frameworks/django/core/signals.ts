/**
 * django.core.signals: the signals the request handler and the settings machinery send.
 *
 * `request_started` / `request_finished` bracket every request (sender: the handler class),
 * `got_request_exception` fires when a view raises (kwargs: `request`), and `setting_changed`
 * fires when `override_settings` swaps a value (kwargs: `setting`, `value`, `enter`).
 */
import { Signal } from "../dispatch";

export const request_started = new Signal({ name: "request_started" });
export const request_finished = new Signal({ name: "request_finished" });
export const got_request_exception = new Signal({ name: "got_request_exception" });
export const setting_changed = new Signal({ name: "setting_changed" });
