/** django.contrib.sessions.apps: the `django.contrib.sessions` entry of INSTALLED_APPS → SessionsConfig. */
import { AppConfig } from "../../apps/config";
import { Session } from "./models";

export class SessionsConfig extends AppConfig {
  override name = "django.contrib.sessions";
  override verbose_name = "Sessions";

  /** Session is prepared once per process; a reset registry (a new run) is told about it again. */
  override import_models(): void {
    super.import_models();
    this.apps!.register_model("sessions", Session as any);
  }
}
