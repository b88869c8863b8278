import { Author, Book } from "articles/models";

export function seed() {
  const orwell = Author.objects.create({ name: "Orwell", title: "MR" });
  Author.objects.create({ name: "Austen", title: "MS" });
  Author.objects.create({ name: "O'Brien", title: "MRS" });
  Book.objects.create({ author: orwell, title: "1984" });
}
