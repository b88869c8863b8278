import { date } from "python/datetime";
import { Decimal } from "python/decimal";
import { Author, Book, Publisher, Store } from "books/models";

export function seed() {
  const ages = { "Adrian Holovaty": 34, "Jacob Kaplan-Moss": 35, "Brad Dayley": 45, "James Bennett": 29, "Jeffrey Forcier": 37, "Paul Bissex": 29, "Wesley J. Chun": 25, "Peter Norvig": 57, "Stuart Russell": 46 };
  const a = Object.fromEntries(Object.entries(ages).map(([name, age]) => [name, Author.objects.create({ name, age })]));
  const apress = Publisher.objects.create({ name: "Apress" });
  const sams = Publisher.objects.create({ name: "Sams" });
  const prentice = Publisher.objects.create({ name: "Prentice Hall" });
  Publisher.objects.create({ name: "BaloneyPress" });
  const d = (y: number, m: number, day: number) => new date(y, m, day);
  const b1 = Book.objects.create({ name: "The Definitive Guide to Django: Web Development Done Right", pages: 447, price: new Decimal("30.00"), rating: 4.5, publisher: apress, pubdate: d(2007, 12, 6) });
  b1.authors.add(a["Adrian Holovaty"], a["Jacob Kaplan-Moss"]);
  const b2 = Book.objects.create({ name: "Sams Teach Yourself Django in 24 Hours", pages: 528, price: new Decimal("23.09"), rating: 3.0, publisher: sams, pubdate: d(2008, 3, 3) });
  b2.authors.add(a["Brad Dayley"]);
  const b3 = Book.objects.create({ name: "Practical Django Projects", pages: 300, price: new Decimal("29.69"), rating: 4.0, publisher: apress, pubdate: d(2008, 6, 23) });
  b3.authors.add(a["James Bennett"]);
  const b4 = Book.objects.create({ name: "Python Web Development with Django", pages: 350, price: new Decimal("29.69"), rating: 4.0, publisher: prentice, pubdate: d(2008, 11, 3) });
  b4.authors.add(a["Jeffrey Forcier"], a["Paul Bissex"], a["Wesley J. Chun"]);
  const b5 = Book.objects.create({ name: "Artificial Intelligence: A Modern Approach", pages: 1132, price: new Decimal("82.80"), rating: 4.0, publisher: prentice, pubdate: d(1995, 1, 15) });
  b5.authors.add(a["Peter Norvig"], a["Stuart Russell"]);
  const b6 = Book.objects.create({ name: "Paradigms of Artificial Intelligence Programming", pages: 946, price: new Decimal("75.00"), rating: 5.0, publisher: prentice, pubdate: d(1991, 10, 15) });
  b6.authors.add(a["Peter Norvig"]);
  const s1 = Store.objects.create({ name: "Amazon.com" });
  s1.books.add(b1, b2, b3, b4, b5, b6);
  const s2 = Store.objects.create({ name: "Books.com" });
  s2.books.add(b1, b3, b5, b6);
  Store.objects.create({ name: "Mamma and Pappa's Books" });
}
