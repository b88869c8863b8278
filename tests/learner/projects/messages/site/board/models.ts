import { models } from "django/db";

export class Post extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 100 }),
    body: new models.TextField({ blank: true }),
  };
  declare title: string;

  toString() {
    return this.title;
  }
}
