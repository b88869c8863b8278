import { HttpResponse, JsonResponse } from "django/http";
import { get_object_or_404 } from "django/shortcuts";
import { csrf_exempt } from "django/views/decorators/csrf";
import { AuditLog, Product } from "./models";
import { restocked } from "./signals";

export const create = csrf_exempt(function create(request) {
  const product = Product.objects.create({ name: request.POST.getitem("name"), stock: Number(request.POST.get("stock", 0)) });
  return new HttpResponse(`${product.pk}: ${product}`, { status: 201 });
});

export const restock = csrf_exempt(function restock(request, { pk }) {
  const product = get_object_or_404(Product, { pk });
  const amount = Number(request.POST.getitem("amount"));
  product.stock += amount;
  product.save();
  const responses = restocked.send(Product, { product, amount });
  return new JsonResponse({ stock: product.stock, responses: responses.map(([, r]) => r) });
});

export const remove = csrf_exempt(function remove(request, { pk }) {
  get_object_or_404(Product, { pk }).delete();
  return new HttpResponse("gone");
});

export function log(request) {
  return new HttpResponse(AuditLog.objects.order_by("id").list().map(String).join("\n"), { content_type: "text/plain" });
}
