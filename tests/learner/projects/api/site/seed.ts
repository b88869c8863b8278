import { Note } from "notes/models";

export function seed() {
  Note.objects.create({ title: "Groceries", body: "milk, eggs" });
  Note.objects.create({ title: "Ideas", body: "a lab for Django", pinned: true });
}
