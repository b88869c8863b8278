import { admin } from "django/contrib";
import { models } from "django/db";
import type { Decimal } from "python/decimal";
import type { datetime } from "python/datetime";

export class Category extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100, unique: true }),
  };
  static Meta = { verbose_name_plural: "categories", ordering: ["name"] };
  declare name: string;

  toString() {
    return this.name;
  }
}

const STATUS_CHOICES = [
  ["d", "Draft"],
  ["p", "Published"],
  ["w", "Withdrawn"],
];

export class Product extends models.Model {
  static STATUS_CHOICES = STATUS_CHOICES;
  static fields = {
    name: new models.CharField({ max_length: 200 }),
    category: new models.ForeignKey(Category, { on_delete: models.CASCADE, related_name: "products" }),
    price: new models.DecimalField({ max_digits: 8, decimal_places: 2 }),
    stock: new models.PositiveIntegerField({ default: 0 }),
    status: new models.CharField({ max_length: 1, choices: STATUS_CHOICES, default: "d" }),
    featured: new models.BooleanField({ default: false }),
    added: new models.DateTimeField("date added"),
    description: new models.TextField({ blank: true }),
  };
  declare name: string;
  declare category: Category;
  declare price: Decimal;
  declare stock: number;
  declare status: string;
  declare featured: boolean;
  declare added: datetime;
  declare description: string;

  toString() {
    return this.name;
  }

  get_absolute_url() {
    return `/products/${this.pk}/`;
  }

  in_stock() {
    return this.stock > 0;
  }
  static {
    admin.display({ boolean: true, description: "In stock" })(this.prototype.in_stock);
  }
}

export class Variant extends models.Model {
  static fields = {
    product: new models.ForeignKey(Product, { on_delete: models.CASCADE, related_name: "variants" }),
    sku: new models.CharField("SKU", { max_length: 20 }),
    color: new models.CharField({ max_length: 30, blank: true }),
    extra_price: new models.DecimalField({ max_digits: 6, decimal_places: 2, default: 0 }),
  };
  declare sku: string;

  toString() {
    return this.sku;
  }
}

export class Review extends models.Model {
  static fields = {
    product: new models.ForeignKey(Product, { on_delete: models.CASCADE, related_name: "reviews" }),
    author: new models.CharField({ max_length: 100 }),
    rating: new models.PositiveSmallIntegerField(),
    comment: new models.TextField({ blank: true }),
  };
  declare author: string;
  declare rating: number;

  toString() {
    return `${this.author} (${this.rating})`;
  }
}
