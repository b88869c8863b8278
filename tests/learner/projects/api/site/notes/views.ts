import { Http404, HttpResponse, JsonResponse } from "django/http";
import { get_object_or_404 } from "django/shortcuts";
import { csrf_exempt } from "django/views/decorators/csrf";
import { require_GET, require_http_methods, require_safe } from "django/views/decorators/http";
import * as json from "python/json";
import { Note } from "./models";

// Python: @csrf_exempt @require_http_methods(["GET", "POST"]) def note_list(request): …
export const note_list = csrf_exempt(require_http_methods(["GET", "POST"])(function note_list(request) {
  if (request.method === "POST") {
    let data;
    try {
      data = json.loads(request.body);
    } catch (e) {
      if (!(e instanceof json.JSONDecodeError)) throw e;
      return new JsonResponse({ error: `invalid JSON: ${e.message}` }, { status: 400 });
    }
    if (!data.title) {
      return new JsonResponse({ errors: { title: ["This field is required."] } }, { status: 400 });
    }
    const note = Note.objects.create({ title: data.title, body: data.body ?? "", pinned: Boolean(data.pinned) });
    return new JsonResponse(note.to_dict(), { status: 201 });
  }
  let notes = Note.objects.order_by("-pinned", "id");
  if (request.GET.has("pinned")) {
    notes = notes.filter({ pinned: request.GET.getitem("pinned") === "1" });
  }
  return new JsonResponse(notes.list().map((n) => n.to_dict()), { safe: false });
}));

export const note_detail = csrf_exempt(require_http_methods(["GET", "PUT", "DELETE"])(function note_detail(request, { pk }) {
  const note = get_object_or_404(Note, { pk });
  if (request.method === "DELETE") {
    note.delete();
    return new HttpResponse({ status: 204 });
  }
  if (request.method === "PUT") {
    const data = json.loads(request.body);
    for (const key of ["title", "body", "pinned"]) {
      if (key in data) note[key] = data[key];
    }
    note.save();
  }
  return new JsonResponse(note.to_dict());
}));

export const stats = require_safe(function stats(request) {
  return new JsonResponse({ count: Note.objects.count(), pinned: Note.objects.filter({ pinned: true }).count(), name: note_list.name });
});

export const search = require_GET(function search(request) {
  const q = request.GET.get("q", "");
  if (!q) throw new Http404("Give a query.");
  return new JsonResponse({ q, ids: Note.objects.filter({ title__icontains: q }).values_list("id", { flat: true }).list() });
});
