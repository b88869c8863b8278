from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.generic import ListView

from .models import Contact


def listing(request):
    contact_list = Contact.objects.all()
    paginator = Paginator(contact_list, 5)  # Show 5 contacts per page.
    page_number = request.GET.get("page")
    page_obj = paginator.get_page(page_number)
    return render(request, "contacts/list.html", {"page_obj": page_obj})


def strict(request):
    paginator = Paginator(Contact.objects.all(), 5, orphans=2)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return HttpResponse("Not an integer", status=400)
    except EmptyPage as e:
        return HttpResponse(f"Empty: {e}", status=404)
    return render(request, "contacts/list.html", {"page_obj": page_obj})


def elided(request):
    numbers = list(range(1, 101))
    paginator = Paginator(numbers, 2)
    page_obj = paginator.get_page(request.GET.get("page"))
    on_each_side = int(request.GET.get("each", 3))
    page_range = paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=2)
    return render(request, "contacts/elided.html", {"page_obj": page_obj, "page_range": page_range, "ellipsis": paginator.ELLIPSIS})


def facts(request):
    empty = Paginator([], 10)
    strict_empty = Paginator([], 10, allow_empty_first_page=False)
    orphaned = Paginator(list("abcdefghijkl"), 5, orphans=2)
    lines = [
        f"empty: count={empty.count} num_pages={empty.num_pages} range={list(empty.page_range)}",
        f"strict empty: count={strict_empty.count} num_pages={strict_empty.num_pages}",
        f"orphans: num_pages={orphaned.num_pages} last={list(orphaned.page(2))}",
        f"page 2: {orphaned.page(2)!r} start={orphaned.page(2).start_index()} end={orphaned.page(2).end_index()}",
        f"empty page 1: start={empty.page(1).start_index()} end={empty.page(1).end_index()}",
    ]
    for value in ["0", "-1", "x", "3", "2.0", None]:
        try:
            lines.append(f"validate {value!r}: {orphaned.validate_number(value)}")
        except (PageNotAnInteger, EmptyPage) as e:
            lines.append(f"validate {value!r}: {type(e).__name__}: {e}")
    try:
        strict_empty.page(1)
    except EmptyPage as e:
        lines.append(f"strict empty page 1: {e}")
    lines.append(f"get_page(99): {orphaned.get_page(99)}")
    lines.append(f"get_page('abc'): {orphaned.get_page('abc')}")
    lines.append("elided: " + ", ".join(str(p) for p in Paginator(range(50), 1).get_elided_page_range(25)))
    lines.append("elided small: " + ", ".join(str(p) for p in Paginator(range(9), 1).get_elided_page_range(5)))
    return HttpResponse("\n".join(lines), content_type="text/plain")


class ContactListView(ListView):
    paginate_by = 4
    paginate_orphans = 1
    model = Contact


class StrictListView(ListView):
    model = Contact
    paginate_by = 3
    page_kwarg = "p"
    allow_empty = False
    template_name = "contacts/strict_list.html"

    def get_queryset(self):
        return super().get_queryset().filter(last_name__icontains=self.request.GET.get("q", ""))
