import { models } from "django/db";

export const TITLE_CHOICES = {
  MR: "Mr.",
  MRS: "Mrs.",
  MS: "Ms.",
};

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
    title: new models.CharField({ max_length: 3, choices: TITLE_CHOICES }),
    birth_date: new models.DateField({ blank: true, null: true }),
  };
  static Meta = { ordering: ["pk"] };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Book extends models.Model {
  static fields = {
    author: new models.ForeignKey(Author, { on_delete: models.CASCADE }),
    title: new models.CharField({ max_length: 100 }),
  };
  declare title: string;

  toString() {
    return this.title;
  }
}
