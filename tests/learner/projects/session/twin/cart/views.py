from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST


def show(request):
    cart = request.session.get("cart", {})
    return render(request, "cart/show.html", {"cart": sorted(cart.items()), "total": sum(cart.values())})


@require_POST
def add(request):
    item = request.POST.get("item", "").strip()
    if not item:
        messages.error(request, "Nothing to add.")
        return redirect("show")
    cart = request.session.get("cart", {})
    cart[item] = cart.get(item, 0) + 1
    request.session["cart"] = cart
    messages.success(request, f"Added {item}.")
    if cart[item] > 2:
        messages.add_message(request, messages.WARNING, f"That is a lot of {item}.", extra_tags="big")
    return redirect("show")


@require_POST
def clear(request):
    request.session.flush()
    messages.info(request, "Cart cleared.")
    return redirect("/")


def blocked(request):
    return HttpResponse("never")
