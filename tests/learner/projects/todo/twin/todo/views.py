from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from .models import Task


class TaskList(ListView):
    model = Task
    paginate_by = 3


class TaskDetail(DetailView):
    model = Task


class TaskCreate(LoginRequiredMixin, CreateView):
    model = Task
    fields = ["title", "due", "notes"]


class TaskUpdate(LoginRequiredMixin, UpdateView):
    model = Task
    fields = ["title", "done", "due", "notes"]
    template_name_suffix = "_update_form"


class TaskDelete(LoginRequiredMixin, DeleteView):
    model = Task
    success_url = reverse_lazy("task-list")
