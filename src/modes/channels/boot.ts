/**
 * Booting a Channels project, as `manage.py runserver` does with Channels installed: the settings
 * module named by the scenario's entry → `settings.configure` → `django.setup()` →
 * `get_default_application()` (the object `settings.ASGI_APPLICATION` names) → the ASGI gateway.
 * And the reverse: the channel layers a project built, forgotten before the next one loads
 * (Django's own state is the django mode's to forget; every mode is reset before every load).
 */
import { settings } from "../../frameworks/django/conf";
import { setup } from "../../frameworks/django/setup";
import { guarantee_single_callable } from "../../frameworks/asgiref/compatibility";
import { _reset_dispatch_lock } from "../../frameworks/channels/consumer";
import { channel_layers } from "../../frameworks/channels/layers";
import { get_default_application } from "../../frameworks/channels/routing";
import type { ASGIApplication } from "../../gateway/asgi-types";
import type { ModeBoot } from "../types";
import { boot as django } from "../django/boot";
import * as modules from "./modules";

export const boot: ModeBoot = {
  id: "channels",
  modules: modules as unknown as Record<string, Record<string, unknown>>,
  reset() {
    channel_layers._reset_backends();
    _reset_dispatch_lock();
  },
  boot: ({ settings: settings_module }, context) => {
    settings.configure(context.import_module(settings_module), settings_module);
    setup();
    return { interface: "asgi", app: guarantee_single_callable(get_default_application()) as unknown as ASGIApplication };
  },
  // The project is a Django project: its database, commands, templates and classes are Django's.
  explain: django.explain,
  run_command: django.run_command,
  render_template: django.render_template,
  inspect_class: django.inspect_class,
};
