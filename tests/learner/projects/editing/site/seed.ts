import { Author, Book } from "authors/models";

export function seed() {
  const ada = Author.objects.create({ name: "Ada Lovelace", slug: "ada-lovelace" });
  Author.objects.create({ name: "Mary Shelley" });
  Book.objects.create({ author: ada, title: "Notes", pages: 66 });
  Book.objects.create({ author: ada, title: "The Big Volume", pages: 900 });
}
