/** django.template.loaders.app_directories: each installed app's `templates/` folder, in INSTALLED_APPS order. */
import { apps } from "../../apps";
import type { EngineLike } from "../base";
import { Loader as FilesystemLoader } from "./filesystem";

/** `<app path>/templates` for every installed app (empty before apps are populated). */
export function get_app_template_dirs(dirname = "templates"): string[] {
  try {
    return apps.get_app_configs().map((config) => `${config.path}/${dirname}`);
  } catch {
    return [];
  }
}

export class Loader extends FilesystemLoader {
  static override module_name = "django.template.loaders.app_directories.Loader";

  constructor(engine: EngineLike) {
    super(engine, null);
  }

  override get_dirs(): string[] {
    return get_app_template_dirs("templates");
  }
}
