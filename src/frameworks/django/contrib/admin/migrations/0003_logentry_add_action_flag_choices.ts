/** django/contrib/admin/migrations/0003_logentry_add_action_flag_choices: action_flag gains its choices (no SQL). */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";
import { ACTION_FLAG_CHOICES } from "../models";

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [["admin", "0002_logentry_remove_auto_add"]];

  override operations = [
    new migrations.AlterField({ model_name: "logentry", name: "action_flag", field: new models.PositiveSmallIntegerField({ choices: ACTION_FLAG_CHOICES, verbose_name: "action flag" }) as any }),
  ];
}
