/** django.contrib.humanize.apps: the `django.contrib.humanize` entry of INSTALLED_APPS → HumanizeConfig. */
import { AppConfig } from "../../apps/config";

export class HumanizeConfig extends AppConfig {
  override name = "django.contrib.humanize";
  override verbose_name = "Humanize";
}
