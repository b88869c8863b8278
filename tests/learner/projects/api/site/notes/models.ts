import { models } from "django/db";

export class Note extends models.Model {
  static fields = {
    title: new models.CharField({ max_length: 100 }),
    body: new models.TextField({ blank: true }),
    pinned: new models.BooleanField({ default: false }),
    created: new models.DateTimeField({ auto_now_add: true }),
  };
  declare id: number;
  declare title: string;
  declare body: string;
  declare pinned: boolean;

  to_dict() {
    return { id: this.id, title: this.title, body: this.body, pinned: this.pinned };
  }
}
