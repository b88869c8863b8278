import datetime

from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.timezone import localdate
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, ListView, UpdateView

from .models import Note


class NoteList(ListView):
    model = Note


@method_decorator(login_required, name="dispatch")
class NoteCreate(SuccessMessageMixin, CreateView):
    model = Note
    fields = ["title", "body"]
    success_url = reverse_lazy("note-list")
    success_message = "%(title)s was created successfully"


class NoteUpdate(SuccessMessageMixin, UpdateView):
    model = Note
    fields = ["title", "body"]
    success_url = reverse_lazy("note-list")
    success_message = "Saved “%(title)s”."

    @method_decorator(login_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_success_message(self, cleaned_data):
        return self.success_message % dict(cleaned_data, title=cleaned_data["title"].upper())


@never_cache
@require_GET
def today(request):
    moment = datetime.datetime(2024, 1, 1, 3, 30, tzinfo=datetime.timezone.utc)
    return HttpResponse(f"In Chicago it was {localdate(moment, datetime.timezone(datetime.timedelta(hours=-6)))}; name: {today.__name__}")


@cache_control(max_age=60, public=True)
def stamp(request):
    return HttpResponse("stamp", content_type="text/plain")
