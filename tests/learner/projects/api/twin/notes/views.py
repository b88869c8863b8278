import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from .models import Note


@csrf_exempt
@require_http_methods(["GET", "POST"])
def note_list(request):
    if request.method == "POST":
        try:
            data = json.loads(request.body)
        except json.JSONDecodeError as e:
            return JsonResponse({"error": f"invalid JSON: {e}"}, status=400)
        if not data.get("title"):
            return JsonResponse({"errors": {"title": ["This field is required."]}}, status=400)
        note = Note.objects.create(title=data["title"], body=data.get("body", ""), pinned=bool(data.get("pinned")))
        return JsonResponse(note.to_dict(), status=201)
    notes = Note.objects.order_by("-pinned", "id")
    if "pinned" in request.GET:
        notes = notes.filter(pinned=request.GET["pinned"] == "1")
    return JsonResponse([n.to_dict() for n in notes], safe=False)


@csrf_exempt
@require_http_methods(["GET", "PUT", "DELETE"])
def note_detail(request, pk):
    note = get_object_or_404(Note, pk=pk)
    if request.method == "DELETE":
        note.delete()
        return HttpResponse(status=204)
    if request.method == "PUT":
        data = json.loads(request.body)
        for key in ("title", "body", "pinned"):
            if key in data:
                setattr(note, key, data[key])
        note.save()
    return JsonResponse(note.to_dict())


@require_safe
def stats(request):
    return JsonResponse({"count": Note.objects.count(), "pinned": Note.objects.filter(pinned=True).count(), "name": note_list.__name__})


@require_GET
def search(request):
    q = request.GET.get("q", "")
    if not q:
        raise Http404("Give a query.")
    return JsonResponse({"q": q, "ids": list(Note.objects.filter(title__icontains=q).values_list("id", flat=True))})
