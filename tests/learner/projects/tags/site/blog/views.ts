import { render } from "django/shortcuts";
import { date, datetime, timezone } from "python/datetime";

export function page(request) {
  const people = [
    { name: "Ada", city: "London", born: new date(1815, 12, 10) },
    { name: "Grace", city: "New York", born: new date(1906, 12, 9) },
    { name: "Alan", city: "London", born: new date(1912, 6, 23) },
    { name: "Linus", city: "Helsinki", born: null },
  ];
  return render(request, "blog/page.html", {
    who: "Ada <admin>",
    people,
    items: ["home", "posts", "about"],
    price: 1234.5678,
    text: "The quick brown fox jumps over the lazy dog",
    html: "<b>bold</b> & <i>it</i>",
    n: 3,
    empty: [],
    when: new datetime(2024, 3, 5, 14, 7, 0, 0, timezone.utc),
  });
}
