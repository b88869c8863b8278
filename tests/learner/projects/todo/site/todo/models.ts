import { models } from "django/db";
import { reverse } from "django/urls";

export class Task extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 100 }),
    done: new models.BooleanField({ default: false }),
    due: new models.DateField({ null: true, blank: true }),
    notes: new models.TextField({ blank: true }),
  };
  static Meta = { ordering: ["done", "title"] };
  declare title: string;

  toString() {
    return this.title;
  }

  get_absolute_url() {
    return reverse("task-detail", { kwargs: { pk: this.pk } });
  }
}
