/**
 * django.contrib.contenttypes.management: after `migrate`, each app's models → their missing
 * ContentType rows (`create_contenttypes`, connected to post_migrate by ContentTypesConfig).
 */
import { span_set, trace_site } from "../../../../../trace";
import type { AppConfig } from "../../../apps/config";
import type { Apps } from "../../../apps/registry";
import { apps as global_apps } from "../../../apps";
import { LookupError } from "../../../../python/builtins";
import { connections } from "../../../db";

const APP = trace_site("app", "django/contrib/contenttypes/management/index.ts", { eager: true });

/** Whether `table` exists yet (contenttypes' own migrations may not have run). */
function table_exists(using: string, table: string): boolean {
  const cursor = connections.__getitem__(using).cursor();
  try {
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table]);
    return cursor.fetchall().length > 0;
  } finally {
    cursor.close();
  }
}

export interface CreateContentTypesOptions {
  app_config?: AppConfig;
  verbosity?: number;
  using?: string;
  apps?: Apps;
  stdout?: (line: string) => void;
  [key: string]: unknown;
}

/** `create_contenttypes(app_config, verbosity=2, using="default", apps=global_apps)`; also a post_migrate receiver. */
export function create_contenttypes(sender: AppConfig | unknown, options: CreateContentTypesOptions = {}): void {
  const app_config = (options.app_config ?? sender) as AppConfig;
  if (!app_config?.models_module) return;
  const apps = options.apps ?? global_apps;
  let ContentType: any;
  try {
    ContentType = apps.get_model("contenttypes", "ContentType");
  } catch (e) {
    if (e instanceof LookupError) return;
    throw e;
  }
  const using = options.using ?? "default";
  if (!table_exists(using, ContentType._meta.db_table)) return;
  const app_models = [...(global_apps.get_app_config(app_config.label).get_models() as any[])];
  if (!app_models.length) return;
  APP.run(`create_contenttypes(${app_config.label})`, () => ({ app: app_config.label }), (span: number) => {
    ContentType.objects.clear_cache();
    const existing = new Set<string>([...ContentType.objects.using(using).filter({ app_label: app_config.label })].map((ct: any) => ct.model));
    const cts = app_models
      .map((model) => model._meta.model_name as string)
      .filter((name) => !existing.has(name))
      .map((model) => new ContentType({ app_label: app_config.label, model }));
    if (cts.length) ContentType.objects.using(using).bulk_create(cts);
    if ((options.verbosity ?? 2) >= 2) for (const ct of cts) options.stdout?.(`Adding content type '${ct.app_label} | ${ct.model}'`);
    span_set(span, () => ({ created: cts.map((ct: any) => ct.model as string) }));
  });
}
