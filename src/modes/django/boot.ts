/**
 * Booting a Django project, as `wsgi.py` and `manage.py` do: the settings module named by the
 * scenario's entry → `settings.configure` → `get_wsgi_application()` (which runs `django.setup()`,
 * populating the app registry, and builds the handler with its middleware). And the reverse:
 * everything a project left in Django's global state, forgotten before the next one loads.
 */
import { settings } from "../../frameworks/django/conf";
import { apps } from "../../frameworks/django/apps";
import { connection, reset_queries } from "../../frameworks/django/db";
import { clear_url_caches } from "../../frameworks/django/urls";
import { site } from "../../frameworks/django/contrib/admin";
import { ImproperlyConfigured } from "../../frameworks/django/core/exceptions";
import { set_template_files } from "../../frameworks/django/template/loaders/filesystem";
import { set_migration_module_lister } from "../../frameworks/django/db/migrations/loader";
import { get_wsgi_application } from "../../frameworks/django/core/handlers/wsgi";
import type { WSGIApplication } from "../../gateway/wsgi";
import type { BootContext, ModeBoot, ServedApplication } from "../types";
import { manage, run_command } from "./management";
import { registry as check_registry } from "../../frameworks/django/core/checks";
import { inspect_view_class, render_template_source } from "./inspect";
import * as modules from "./modules";

const MODULES = modules as unknown as Record<string, Record<string, unknown>>;
/** Django's own system checks, registered when their modules loaded (before any project). */
const FRAMEWORK_CHECKS = check_registry.get_checks(true);

export const boot: ModeBoot = {
  id: "django",
  modules: MODULES,
  reset: reset_django,
  attach_project,
  boot: ({ settings: settings_module }, context) => ({ interface: "wsgi", app: load_django_project(settings_module, context) }),
  describe: (application) => ({ middleware: middleware_of(application) }),
  attach_database(driver) {
    connection.close();
    if (driver) connection.set_driver(driver);
  },
  explain: (sql, params) => connection.explain(sql, params),
  run_command,
  manage,
  render_template: render_template_source,
  inspect_class: inspect_view_class,
};

/**
 * A Django project, as `wsgi.py` starts one: configure settings from the user's settings module,
 * then `get_wsgi_application()`.
 */
export function load_django_project(settings_module: string, _context: Pick<BootContext, "import_module">): WSGIApplication {
  // wsgi.py: os.environ.setdefault("DJANGO_SETTINGS_MODULE", …); the first setting read imports it.
  settings.set_settings_module(settings_module);
  const application = get_wsgi_application() as unknown;
  if (typeof application === "function") return application as WSGIApplication;
  const call = (application as { __call__?: unknown } | null)?.__call__;
  if (typeof call === "function") return call.bind(application) as WSGIApplication;
  throw new ImproperlyConfigured("get_wsgi_application() did not return a WSGI callable.");
}

/**
 * Forget the previous project's Django state: settings, the app registry, URL caches, the query
 * log, the default admin site's registrations, and the receivers user code connected to
 * framework signals (each framework signal goes back to the receivers framework code connected).
 */
export function reset_django(): void {
  settings.reset();
  apps.reset();
  clear_url_caches();
  reset_queries();
  site._registry.clear(); // admin.site: the project's admin.py registers again
  check_registry._keep_only(FRAMEWORK_CHECKS); // system checks a project registered
  for (const module of Object.values(MODULES)) for (const value of Object.values(module)) if (is_signal(value)) restore_framework_receivers(value);
}

/** Templates and migrations are project files: the loaders read them from the project about to load. */
function attach_project({ files }: BootContext): void {
  set_template_files(files);
  set_migration_module_lister((app_label: string) => migration_modules(files, app_label));
}

/** settings.MIDDLEWARE as the handler loaded it, outermost first. */
function middleware_of(application: ServedApplication): string[] {
  const names = (application.app as unknown as { handler?: { middleware_names?: unknown } }).handler?.middleware_names;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

interface SignalLike {
  receivers: unknown[];
  sender_receivers_cache?: { clear?: () => void };
  connect: Function;
  send: Function;
}

/** Receivers connected by framework code alone (taken before any user module ran). */
const framework_receivers = new WeakMap<SignalLike, unknown[]>();

function is_signal(value: unknown): value is SignalLike {
  // Own-property test first: it does not trip lazy objects (settings) that throw on unknown reads.
  if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, "receivers")) return false;
  return Array.isArray((value as SignalLike).receivers) && typeof (value as SignalLike).connect === "function" && typeof (value as SignalLike).send === "function";
}

function restore_framework_receivers(signal: SignalLike): void {
  const baseline = framework_receivers.get(signal);
  if (!baseline) {
    framework_receivers.set(signal, signal.receivers.slice());
    return;
  }
  signal.receivers = baseline.slice();
  signal.sender_receivers_cache?.clear?.();
}

/**
 * The migration module names of one app (there is no directory to list): the project's own files
 * for project apps, the framework module table for django.contrib apps.
 */
function migration_modules(files: Readonly<Record<string, string>>, app_label: string): string[] {
  let folder = app_label;
  try {
    folder = apps.get_app_config(app_label).name.replace(/\./g, "/");
  } catch {
    // not an installed app label: fall back to a folder of that name
  }
  const prefix = `${folder}/migrations/`;
  const names = new Set<string>();
  for (const path of Object.keys(files)) {
    const m = path.startsWith(prefix) ? /^(\d{4}_[A-Za-z0-9_]+)\.(ts|js)$/.exec(path.slice(prefix.length)) : null;
    if (m) names.add(m[1]);
  }
  for (const key of Object.keys(MODULES)) {
    const m = key.startsWith(prefix) ? /^(\d{4}_[A-Za-z0-9_]+)$/.exec(key.slice(prefix.length)) : null;
    if (m) names.add(m[1]);
  }
  return [...names];
}
