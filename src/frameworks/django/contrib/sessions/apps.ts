/** django.contrib.sessions.apps: the `django.contrib.sessions` entry of INSTALLED_APPS → SessionsConfig. */
import { AppConfig } from "../../apps/config";

export class SessionsConfig extends AppConfig {
  override name = "django.contrib.sessions";
  override verbose_name = "Sessions";
}
