/** django/contrib/admin/migrations/0001_initial: creates the `django_admin_log` table (LogEntry). */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";
import { settings } from "../../../conf";
import { LogEntryManager } from "../models";

/** `migrations.swappable_dependency(settings.AUTH_USER_MODEL)`: the user model's app, first migration. */
export function user_model_dependency(): [string, string] {
  const label = settings.configured ? settings.AUTH_USER_MODEL : "auth.User";
  return [label.split(".")[0], "__first__"];
}

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [user_model_dependency(), ["contenttypes", "__first__"]];

  override operations = [
    new migrations.CreateModel({
      name: "LogEntry",
      fields: [
        ["id", new models.AutoField({ verbose_name: "ID", serialize: false, auto_created: true, primary_key: true }) as any],
        ["action_time", new models.DateTimeField({ auto_now: true, verbose_name: "action time" }) as any],
        ["object_id", new models.TextField({ null: true, verbose_name: "object id", blank: true }) as any],
        ["object_repr", new models.CharField({ max_length: 200, verbose_name: "object repr" }) as any],
        ["action_flag", new models.PositiveSmallIntegerField({ verbose_name: "action flag" }) as any],
        ["change_message", new models.TextField({ verbose_name: "change message", blank: true }) as any],
        ["content_type", new models.ForeignKey("contenttypes.ContentType", { on_delete: models.SET_NULL, blank: true, null: true, verbose_name: "content type" }) as any],
        ["user", new models.ForeignKey(settings.configured ? settings.AUTH_USER_MODEL : "auth.User", { on_delete: models.CASCADE, verbose_name: "user" }) as any],
      ],
      options: { ordering: ["-action_time"], db_table: "django_admin_log", verbose_name: "log entry", verbose_name_plural: "log entries" },
      managers: [["objects", new LogEntryManager()]],
    }),
  ];
}
