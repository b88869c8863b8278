import { AppConfig } from "django/apps";

export class PollsConfig extends AppConfig {
  default_auto_field = "django.db.models.BigAutoField";
  name = "polls";
}
