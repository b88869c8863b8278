import { models } from "django/db";

export class Note extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 100 }),
    body: new models.TextField({ blank: true }),
  };
  static Meta = { ordering: ["title"] };
  declare title: string;

  toString() {
    return this.title;
  }
}
