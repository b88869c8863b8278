import { login_required } from "django/contrib/auth/decorators";
import { SuccessMessageMixin } from "django/contrib/messages/views";
import { HttpResponse } from "django/http";
import { reverse_lazy } from "django/urls";
import { method_decorator } from "django/utils/decorators";
import { localdate } from "django/utils/timezone";
import { cache_control, never_cache } from "django/views/decorators/cache";
import { require_GET } from "django/views/decorators/http";
import { CreateView, ListView, UpdateView } from "django/views/generic";
import { bases } from "python";
import { datetime, timedelta, timezone } from "python/datetime";
import { Note } from "./models";

export class NoteList extends ListView {
  static model = Note;
}

// Python: @method_decorator(login_required, name="dispatch") on class NoteCreate(SuccessMessageMixin, CreateView)
export const NoteCreate = method_decorator(login_required, { name: "dispatch" })(
  class NoteCreate extends bases(SuccessMessageMixin, CreateView) {
    static model = Note;
    static fields = ["title", "body"];
    static success_url = reverse_lazy("note-list");
    static success_message = "%(title)s was created successfully";
  },
);

export class NoteUpdate extends bases(SuccessMessageMixin, UpdateView) {
  static model = Note;
  static fields = ["title", "body"];
  static success_url = reverse_lazy("note-list");
  static success_message = "Saved “%(title)s”.";

  get_success_message(cleaned_data) {
    return super.get_success_message({ ...cleaned_data, title: cleaned_data.title.toUpperCase() });
  }
}
// Python: @method_decorator(login_required) on NoteUpdate.dispatch
method_decorator(login_required, { name: "dispatch" })(NoteUpdate);

// Python: @never_cache @require_GET def today(request)
export const today = never_cache(
  require_GET(function today(request) {
    const moment = new datetime(2024, 1, 1, 3, 30, 0, 0, timezone.utc);
    return new HttpResponse(`In Chicago it was ${localdate(moment, new timezone(new timedelta({ hours: -6 })))}; name: ${today.name}`);
  }),
);

export const stamp = cache_control({ max_age: 60, public: true })(function stamp(request) {
  return new HttpResponse("stamp", { content_type: "text/plain" });
});
