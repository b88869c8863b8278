import { models } from "django/db";
import { date } from "python/datetime";

export class Blog extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
    tagline: new models.TextField(),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 200 }),
    email: new models.EmailField(),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Entry extends models.Model {
  static fields = {
    blog: new models.ForeignKey(Blog, { on_delete: models.CASCADE }),
    headline: new models.CharField({ max_length: 255 }),
    body_text: new models.TextField(),
    pub_date: new models.DateField(),
    mod_date: new models.DateField({ default: date.today }),
    authors: new models.ManyToManyField(Author),
    number_of_comments: new models.IntegerField({ default: 0 }),
    number_of_pingbacks: new models.IntegerField({ default: 0 }),
    rating: new models.IntegerField({ default: 5 }),
  };
  declare headline: string;

  toString() {
    return this.headline;
  }
}

export class Dog extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 200 }),
    data: new models.JSONField({ null: true }),
  };
  declare name: string;

  toString() {
    return this.name;
  }
}
