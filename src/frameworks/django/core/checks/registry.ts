/**
 * django.core.checks.registry: the system check registry — check functions registered with tags,
 * run together by `manage.py check` (and before most commands). Main class: `CheckRegistry`; the
 * project's instance is `registry`, and `register` / `run_checks` are its methods.
 *
 *     register(function check_titles(app_configs, options) { return [new Warning("…", { id: "blog.W001" })]; }, Tags.models);
 *     run_checks()   // every registered check's messages, in registration order
 */
import { ValueError } from "../../../python/builtins";
import type { CheckMessage } from "./messages";

/** Built-in tags Django registers its own checks under. */
export const Tags = {
  admin: "admin",
  async_support: "async_support",
  caches: "caches",
  commands: "commands",
  compatibility: "compatibility",
  database: "database",
  files: "files",
  models: "models",
  security: "security",
  signals: "signals",
  sites: "sites",
  staticfiles: "staticfiles",
  templates: "templates",
  translation: "translation",
  urls: "urls",
} as const;

export interface RunChecksOptions {
  app_configs?: unknown[] | null;
  tags?: string[] | null;
  include_deployment_checks?: boolean;
  databases?: string[] | null;
}

export type CheckFunction = ((app_configs: unknown[] | null, options: { databases?: string[] | null }) => CheckMessage[]) & { tags?: string[] };

export class CheckRegistry {
  private registered_checks: CheckFunction[] = [];
  private deployment_checks: CheckFunction[] = [];

  /**
   * `register(check, ...tags)` or `register(...tags)(check)` (Python's `@register(Tags.models)`);
   * `{ deploy: true }` last marks a deployment check (`check --deploy` only).
   */
  register(check_or_tag?: CheckFunction | string, ...rest: (string | { deploy?: boolean })[]): any {
    const deploy = rest.some((r) => typeof r === "object" && r.deploy);
    const tags = rest.filter((r): r is string => typeof r === "string");
    const inner = (check: CheckFunction): CheckFunction => {
      check.tags = tags;
      const list = deploy ? this.deployment_checks : this.registered_checks;
      if (!list.includes(check)) list.push(check);
      return check;
    };
    if (typeof check_or_tag === "function") return inner(check_or_tag);
    if (typeof check_or_tag === "string") tags.unshift(check_or_tag);
    return inner;
  }

  /** Every registered check (with the given tags) run; their messages together. */
  run_checks(options: RunChecksOptions = {}): CheckMessage[] {
    const errors: CheckMessage[] = [];
    let checks = this.get_checks(options.include_deployment_checks ?? false);
    if (options.tags) checks = checks.filter((check) => (check.tags ?? []).some((tag) => options.tags!.includes(tag)));
    for (const check of checks) {
      const new_errors = check(options.app_configs ?? null, { databases: options.databases ?? null });
      if (!Array.isArray(new_errors)) throw new ValueError(`The function ${check.name} did not return a list. All functions registered with the checks registry must return a list.`);
      errors.push(...new_errors);
    }
    return errors;
  }

  tag_exists(tag: string, include_deployment_checks = false): boolean {
    return this.tags_available(include_deployment_checks).has(tag);
  }

  tags_available(deployment_checks = false): Set<string> {
    return new Set(this.get_checks(deployment_checks).flatMap((check) => check.tags ?? []));
  }

  get_checks(include_deployment_checks = false): CheckFunction[] {
    return include_deployment_checks ? [...this.registered_checks, ...this.deployment_checks] : [...this.registered_checks];
  }

  /** Framework Lab: forget the checks a project registered (framework checks are registered again by their modules). */
  _keep_only(checks: CheckFunction[]): void {
    this.registered_checks = this.registered_checks.filter((c) => checks.includes(c));
    this.deployment_checks = this.deployment_checks.filter((c) => checks.includes(c));
  }
}

export const registry = new CheckRegistry();
export const register = registry.register.bind(registry);
export const run_checks = registry.run_checks.bind(registry);
export const tag_exists = registry.tag_exists.bind(registry);
