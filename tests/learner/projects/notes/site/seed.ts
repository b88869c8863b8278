import { User } from "django/contrib/auth/models";
import { Note } from "notes/models";

export function seed() {
  Note.objects.create({ title: "Groceries", body: "milk, eggs" });
  User.objects.create_user("ada", "ada@example.com", "lovelace1815");
}
