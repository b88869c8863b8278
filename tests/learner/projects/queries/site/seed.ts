import { date } from "python/datetime";
import { Author, Blog, Dog, Entry } from "blog/models";

export function seed() {
  const beatles = Blog.objects.create({ name: "Beatles Blog", tagline: "All the latest Beatles news." });
  const cheddar = Blog.objects.create({ name: "Cheddar Talk", tagline: "Cheese, mostly." });
  Blog.objects.create({ name: "Empty Blog", tagline: "Nothing yet." });
  const joe = Author.objects.create({ name: "Joe", email: "joe@example.com" });
  const john = Author.objects.create({ name: "John", email: "john@example.com" });
  const paul = Author.objects.create({ name: "Paul", email: "paul@example.com" });
  const lennon = Author.objects.create({ name: "Lennon", email: "lennon@example.com" });
  const rows = [
    [beatles, "Lennon's first song", new date(2008, 2, 1), new date(2008, 2, 3), 10, 2, 4, [john, lennon]],
    [beatles, "Who loves Lennon?", new date(2005, 5, 2), new date(2005, 5, 9), 1, 3, 3, [paul]],
    [beatles, "What is new in 2006", new date(2006, 7, 14), new date(2006, 7, 14), 4, 4, 5, [john, paul]],
    [cheddar, "Lennon and cheese", new date(2007, 3, 12), new date(2007, 3, 20), 7, 1, 2, []],
    [cheddar, "Who moved my cheese", new date(2005, 5, 6), new date(2005, 5, 6), 0, 0, 1, [joe]],
    [cheddar, "Cheddar 100% natural_ish", new date(2008, 11, 30), new date(2008, 12, 1), 3, 9, 5, [joe, paul]],
  ] as const;
  for (const [blog, headline, pub, mod, comments, pingbacks, rating, authors] of rows) {
    const e = Entry.objects.create({ blog, headline, body_text: `About ${headline.toLowerCase()}.`, pub_date: pub, mod_date: mod, number_of_comments: comments, number_of_pingbacks: pingbacks, rating });
    e.authors.set([...authors]);
  }
  Dog.objects.create({ name: "Rufus", data: { breed: "labrador", owner: { name: "Bob", other_pets: [{ name: "Fishy" }] } } });
  Dog.objects.create({ name: "Meg", data: { breed: "collie", owner: null, age: 3 } });
  Dog.objects.create({ name: "Max", data: null });
  Dog.objects.create({ name: "Shep", data: { breed: "collie", owner: { name: "Ann" }, tags: ["herding", "fast"], score: 4.5 } });
}
