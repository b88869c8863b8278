/** django.contrib.staticfiles.apps: the `django.contrib.staticfiles` entry of INSTALLED_APPS → StaticFilesConfig. */
import { AppConfig } from "../../apps/config";

export class StaticFilesConfig extends AppConfig {
  override name = "django.contrib.staticfiles";
  override verbose_name = "Static Files";
  ignore_patterns = ["CVS", ".*", "*~"];
}
