/** django/contrib/sessions/migrations/0001_initial: creates the `django_session` table. */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";
import { SessionManager } from "../models";

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [];

  override operations = [
    new migrations.CreateModel({
      name: "Session",
      fields: [
        ["session_key", new models.CharField({ max_length: 40, primary_key: true, serialize: false, verbose_name: "session key" }) as any],
        ["session_data", new models.TextField({ verbose_name: "session data" }) as any],
        ["expire_date", new models.DateTimeField({ db_index: true, verbose_name: "expire date" }) as any],
      ],
      options: { verbose_name: "session", verbose_name_plural: "sessions", db_table: "django_session", abstract: false },
      managers: [["objects", new SessionManager()]],
    }),
  ];
}
