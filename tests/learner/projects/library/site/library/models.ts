import { models } from "django/db";

export class Tag extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 50, unique: true }),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
    born: new models.DateField({ null: true, blank: true }),
  };
  static Meta = { ordering: ["name"] };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Book extends models.Model {
  static fields = {
    title: new models.CharField("title", { max_length: 200 }),
    author: new models.ForeignKey(Author, { on_delete: models.CASCADE, related_name: "books" }),
    tags: new models.ManyToManyField(Tag, { blank: true, related_name: "books" }),
    price: new models.DecimalField({ max_digits: 6, decimal_places: 2 }),
    published: new models.DateTimeField(),
    in_stock: new models.BooleanField({ default: true }),
  };
  static Meta = { ordering: ["title"] };
  declare title: string;

  toString() {
    return this.title;
  }
}
