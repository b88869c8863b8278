/** django/contrib/contenttypes/migrations/0001_initial: `django_content_type`, unique per (app_label, model). */
import * as models from "../../../db/models";
import * as migrations from "../../../db/migrations";
import { ContentTypeManager } from "../models";

export class Migration extends migrations.Migration {
  override dependencies: [string, string][] = [];

  override operations = [
    new migrations.CreateModel({
      name: "ContentType",
      fields: [
        ["id", new models.AutoField({ auto_created: true, primary_key: true, serialize: false, verbose_name: "ID" }) as any],
        ["name", new models.CharField({ max_length: 100 }) as any],
        ["app_label", new models.CharField({ max_length: 100 }) as any],
        ["model", new models.CharField({ max_length: 100, verbose_name: "python model class name" }) as any],
      ],
      options: { ordering: [], db_table: "django_content_type", verbose_name: "content type", verbose_name_plural: "content types" },
      managers: [["objects", new ContentTypeManager()]],
    }),
    new migrations.AlterUniqueTogether({ name: "contenttype", unique_together: [["app_label", "model"]] }),
  ];
}
