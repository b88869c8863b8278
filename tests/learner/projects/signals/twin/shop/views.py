from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt

from .models import AuditLog, Product
from .signals import restocked


@csrf_exempt
def create(request):
    product = Product.objects.create(name=request.POST["name"], stock=int(request.POST.get("stock", 0)))
    return HttpResponse(f"{product.pk}: {product}", status=201)


@csrf_exempt
def restock(request, pk):
    product = get_object_or_404(Product, pk=pk)
    amount = int(request.POST["amount"])
    product.stock += amount
    product.save()
    responses = restocked.send(sender=Product, product=product, amount=amount)
    return JsonResponse({"stock": product.stock, "responses": [r for _, r in responses]})


@csrf_exempt
def remove(request, pk):
    get_object_or_404(Product, pk=pk).delete()
    return HttpResponse("gone")


def log(request):
    return HttpResponse("\n".join(str(entry) for entry in AuditLog.objects.order_by("id")), content_type="text/plain")
