import { models } from "django/db";
import { reverse } from "django/urls";

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 200 }),
    slug: new models.SlugField({ blank: true }),
  };
  static Meta = { ordering: ["name"] };
  declare name: string;

  toString() {
    return this.name;
  }

  get_absolute_url() {
    return reverse("author-detail", { kwargs: { pk: this.pk } });
  }
}

export class Book extends models.Model {
  static fields = {
    author: new models.ForeignKey(Author, { on_delete: models.CASCADE }),
    title: new models.CharField({ max_length: 200 }),
    pages: new models.PositiveIntegerField({ default: 100 }),
  };
  declare title: string;
  declare pages: number;

  toString() {
    return `${this.title} (${this.pages} pages)`;
  }
}
