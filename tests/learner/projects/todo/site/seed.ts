import { User } from "django/contrib/auth/models";
import { date } from "python/datetime";
import { Task } from "todo/models";

export function seed() {
  for (const title of ["Buy milk", "Write report", "Call Ada", "Water plants"]) {
    Task.objects.create({ title, due: title === "Call Ada" ? new date(2024, 5, 1) : null });
  }
  User.objects.create_user("ada", "ada@example.com", "lovelace1815");
}
