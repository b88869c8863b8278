import { date, datetime, timezone } from "python/datetime";
import { Decimal } from "python/decimal";
import { Author, Book, Tag } from "library/models";

export function seed() {
  const utc = timezone.utc;
  const [python, web, classic] = ["python", "web", "classic"].map((name) => Tag.objects.create({ name }));
  const ada = Author.objects.create({ name: "Ada Lovelace", born: new date(1815, 12, 10) });
  const guido = Author.objects.create({ name: "Guido van Rossum" });
  Author.objects.create({ name: "Nobody Yet" });
  const b1 = Book.objects.create({ title: "Notes on the Engine", author: ada, price: new Decimal("25.50"), published: new datetime(1843, 9, 1, 0, 0, 0, 0, utc) });
  b1.tags.add(classic);
  const b2 = Book.objects.create({ title: "Python Tricks", author: guido, price: new Decimal("39.99"), published: new datetime(2017, 10, 25, 9, 30, 0, 0, utc) });
  b2.tags.add(python, web);
  const b3 = Book.objects.create({ title: "Web Python", author: guido, price: new Decimal("12"), published: new datetime(2017, 3, 1, 0, 0, 0, 0, utc), in_stock: false });
  b3.tags.add(web);
}
