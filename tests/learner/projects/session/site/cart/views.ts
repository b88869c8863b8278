import { messages } from "django/contrib";
import { HttpResponse } from "django/http";
import { redirect, render } from "django/shortcuts";
import { require_POST } from "django/views/decorators/http";

export function show(request) {
  const cart = request.session.get("cart", {});
  const items = Object.entries(cart).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return render(request, "cart/show.html", { cart: items, total: Object.values(cart).reduce((a, b) => a + b, 0) });
}

export const add = require_POST(function add(request) {
  const item = request.POST.get("item", "").trim();
  if (!item) {
    messages.error(request, "Nothing to add.");
    return redirect("show");
  }
  const cart = request.session.get("cart", {});
  cart[item] = (cart[item] ?? 0) + 1;
  request.session.set("cart", cart);
  messages.success(request, `Added ${item}.`);
  if (cart[item] > 2) {
    messages.add_message(request, messages.WARNING, `That is a lot of ${item}.`, { extra_tags: "big" });
  }
  return redirect("show");
});

export const clear = require_POST(function clear(request) {
  request.session.flush();
  messages.info(request, "Cart cleared.");
  return redirect("/");
});

export function blocked(request) {
  return new HttpResponse("never");
}
