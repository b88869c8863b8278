import { models } from "django/db";
import { cached_property } from "django/utils/functional";

export class Contact extends models.Model {
  static fields = {
    first_name: new models.CharField({ max_length: 50 }),
    last_name: new models.CharField({ max_length: 50 }),
    email: new models.EmailField({ blank: true }),
  };
  static Meta = { ordering: ["last_name", "first_name"] };
  declare first_name: string;
  declare last_name: string;

  toString() {
    return this.full_name;
  }

  // Python: @cached_property def full_name(self)
  get full_name() {
    return `${this.first_name} ${this.last_name}`;
  }
  static {
    cached_property(this, "full_name");
  }
}
