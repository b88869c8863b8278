/** django/contrib/admin/migrations/0002_logentry_remove_auto_add: action_time defaults to now() instead of auto_now. */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";
import { now } from "../../../utils/timezone";

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [["admin", "0001_initial"]];

  override operations = [
    new migrations.AlterField({ model_name: "logentry", name: "action_time", field: new models.DateTimeField({ default: now, editable: false, verbose_name: "action time" }) as any }),
  ];
}
