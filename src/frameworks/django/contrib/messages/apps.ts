/** django.contrib.messages.apps: the `django.contrib.messages` entry of INSTALLED_APPS → MessagesConfig. */
import { AppConfig } from "../../apps/config";

export class MessagesConfig extends AppConfig {
  override name = "django.contrib.messages";
  override verbose_name = "Messages";
}
