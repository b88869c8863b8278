from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic.edit import CreateView

from .models import Post

CRITICAL = 50


def index(request):
    return render(request, "board/index.html", {"posts": Post.objects.all()})


@require_POST
def add(request):
    kind = request.POST.get("kind", "info")
    text = request.POST.get("text", "")
    extra = request.POST.get("extra", "")
    if kind == "critical":
        messages.add_message(request, CRITICAL, text, extra_tags=extra)
    elif kind == "plain":
        messages.add_message(request, messages.INFO, text)
    else:
        getattr(messages, kind)(request, text, extra_tags=extra)
    return redirect("index")


def verbose(request):
    messages.set_level(request, messages.DEBUG)
    messages.debug(request, "%s SQL statements were executed." % 3)
    messages.info(request, "Level is now %s." % messages.get_level(request))
    return redirect("index")


def quiet(request):
    messages.set_level(request, messages.WARNING)
    messages.info(request, "You will not see this.")
    messages.warning(request, "Only warnings and up.")
    return redirect("index")


def peek(request):
    storage = messages.get_messages(request)
    seen = [f"{m.level}:{m.tags}:{m}" for m in storage]
    storage.used = False
    return HttpResponse("\n".join(seen) or "nothing", content_type="text/plain")


def as_json(request):
    return JsonResponse({"messages": [{"message": str(m), "level": m.level, "tags": m.tags, "level_tag": m.level_tag, "extra_tags": m.extra_tags} for m in messages.get_messages(request)]})


def flood(request):
    for i in range(40):
        messages.info(request, f"Message number {i} with some padding to fill the cookie quickly.")
    return redirect("index")


class PostCreateView(SuccessMessageMixin, CreateView):
    model = Post
    fields = ["title", "body"]
    success_url = reverse_lazy("index")
    success_message = "%(title)s was created successfully"


class PostCountView(SuccessMessageMixin, CreateView):
    model = Post
    fields = ["title"]
    success_url = reverse_lazy("index")
    success_message = "“%(title)s” is post number %(count)s"

    def get_success_message(self, cleaned_data):
        return self.success_message % dict(cleaned_data, count=Post.objects.count())
