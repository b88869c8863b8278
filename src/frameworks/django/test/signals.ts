/**
 * django.test.signals: `template_rendered`, sent for every template rendered while the test
 * environment is set up (kwargs: `template`, `context`). The test client listens to it to fill
 * `response.templates` and `response.context`.
 */
import { Signal } from "../dispatch";

export const template_rendered = new Signal({ name: "template_rendered" });
export { setting_changed } from "../core/signals";
