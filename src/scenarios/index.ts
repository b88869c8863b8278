/**
 * The built-in scenarios (lessons), by name: what the page's scenario menu lists and what the CLI
 * accepts as `<scenario>`. One line per scenario.
 */
import type { Scenario } from "./format";
import { blog_orm } from "./blog-orm";
import { blog_cbv } from "./blog-cbv";
import { admin_users } from "./admin-users";
import { signals_accounts } from "./signals-accounts";
import { sessions_login } from "./sessions-login";
import { templates_api } from "./templates-api";
import { django_hello } from "./django-hello";
import { wsgi_hello } from "./wsgi-hello";
import { flask_hello } from "./flask-hello";
import { flask_blueprints } from "./flask-blueprints";
import { channels_chat } from "./channels-chat";
import { channels_notify } from "./channels-notify";
import { fastapi_items } from "./fastapi-items";
import { fastapi_deps } from "./fastapi-deps";

export const BUILTIN_SCENARIOS: Readonly<Record<string, Scenario>> = {
  "wsgi-hello": wsgi_hello,
  "django-hello": django_hello,
  "templates-api": templates_api,
  "blog-orm": blog_orm,
  "blog-cbv": blog_cbv,
  "admin-users": admin_users,
  "signals-accounts": signals_accounts,
  "sessions-login": sessions_login,
  "flask-hello": flask_hello,
  "flask-blueprints": flask_blueprints,
  "channels-chat": channels_chat,
  "channels-notify": channels_notify,
  "fastapi-items": fastapi_items,
  "fastapi-deps": fastapi_deps,
};

export function get_builtin_scenario(name: string): Scenario | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_SCENARIOS, name) ? BUILTIN_SCENARIOS[name] : undefined;
}

export function builtin_scenario_names(): string[] {
  return Object.keys(BUILTIN_SCENARIOS);
}

export * from "./format";
