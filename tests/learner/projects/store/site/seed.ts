import { User } from "django/contrib/auth/models";
import { datetime, timezone } from "python/datetime";
import { Category, Product } from "store/models";

const at = (y: number, m: number, d: number, h = 12) => new datetime(y, m, d, h, 0, 0, 0, timezone.utc);

export function seed() {
  const tea = Category.objects.create({ name: "Tea" });
  const cups = Category.objects.create({ name: "Cups & Mugs" });
  Category.objects.create({ name: "Empty shelf" });
  const green = Product.objects.create({ name: "Green tea", category: tea, price: "4.50", stock: 20, status: "p", featured: true, added: at(2023, 3, 14) });
  green.variants.create({ sku: "GT-50", color: "", extra_price: "0.00" });
  green.reviews.create({ author: "Ann", rating: 5, comment: "Fresh." });
  green.reviews.create({ author: "Bob", rating: 3 });
  Product.objects.create({ name: "Black tea", category: tea, price: "3.90", stock: 0, status: "d", added: at(2023, 3, 20) });
  Product.objects.create({ name: "Oolong", category: tea, price: "7.25", stock: 5, status: "w", added: at(2024, 1, 5) });
  Product.objects.create({ name: "Blue mug", category: cups, price: "9.99", stock: 12, status: "p", featured: true, added: at(2024, 2, 29, 23) });
  Product.objects.create({ name: "Espresso cup", category: cups, price: "5.00", stock: 3, status: "d", added: at(2022, 11, 2) });
  User.objects.create_superuser("admin", "admin@example.com", "pass1234");
}
