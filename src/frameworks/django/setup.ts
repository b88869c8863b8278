/**
 * django.setup(): configured settings → a loaded project (logging configured, app registry full).
 *
 * Django's `django/__init__.py` defines `setup(set_prefix=True)`: configure logging from
 * LOGGING_CONFIG/LOGGING, set the URL script prefix, then `apps.populate(settings.INSTALLED_APPS)`.
 * The runtime calls it once per run, after `settings.configure(...)` and before the first request.
 */
import { settings } from "./conf";
import { apps } from "./apps";
import { trace_site } from "../../trace";

const APP = trace_site("app", "django/setup.ts", { eager: true });

export function setup(options: { set_prefix?: boolean } = {}): void {
  APP.run("django.setup", () => ({ set_prefix: options.set_prefix ?? true }), () => {
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING);
    // set_prefix: Django calls set_script_prefix(FORCE_SCRIPT_NAME or "/"); the simulated server
    // always mounts the project at "/", so there is no prefix to set.
    apps.populate(settings.INSTALLED_APPS);
  });
}

/**
 * `django.utils.log.configure_logging`: Django applies LOGGING through `logging.config.dictConfig`.
 * The runtime's log handler already routes every record to the trace and the Logs panel, so
 * there is nothing to configure yet; the settings are read so a bad settings module fails here.
 */
function configure_logging(_logging_config: unknown, _logging_settings: unknown): void {}
