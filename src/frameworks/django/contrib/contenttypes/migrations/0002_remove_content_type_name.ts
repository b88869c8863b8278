/**
 * django/contrib/contenttypes/migrations/0002_remove_content_type_name: the old `name` column goes
 * (the name now comes from the model's verbose_name). Django's RunPython step that back-fills the
 * column for a rollback has nothing to do on a new database and is left out.
 */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [["contenttypes", "0001_initial"]];

  override operations = [
    new migrations.AlterModelOptions({ name: "contenttype", options: { verbose_name: "content type", verbose_name_plural: "content types" } }),
    new migrations.AlterField({ model_name: "contenttype", name: "name", field: new models.CharField({ max_length: 100, null: true }) as any }),
    new migrations.RemoveField({ model_name: "contenttype", name: "name" }),
  ];
}
