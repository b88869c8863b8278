import { models } from "django/db";

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
    age: new models.IntegerField(),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Publisher extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 300 }),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Book extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 300 }),
    pages: new models.IntegerField(),
    price: new models.DecimalField({ max_digits: 10, decimal_places: 2 }),
    rating: new models.FloatField(),
    authors: new models.ManyToManyField(Author),
    publisher: new models.ForeignKey(Publisher, { on_delete: models.CASCADE }),
    pubdate: new models.DateField(),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Store extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 300 }),
    books: new models.ManyToManyField(Book),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}
