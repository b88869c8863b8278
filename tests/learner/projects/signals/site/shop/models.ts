import { models } from "django/db";

export class Product extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 50 }),
    stock: new models.IntegerField({ default: 0 }),
  };
  declare name: string;
  declare stock: number;

  toString() {
    return this.name;
  }
}

export class AuditLog extends models.Model {
  static fields = {
    message: new models.CharField({ max_length: 200 }),
  };
  declare message: string;

  toString() {
    return this.message;
  }
}
