import { LoginRequiredMixin } from "django/contrib/auth/mixins";
import { reverse_lazy } from "django/urls";
import { CreateView, DeleteView, DetailView, ListView, UpdateView } from "django/views/generic";
import { bases } from "python";
import { Task } from "./models";

export class TaskList extends ListView {
  static model = Task;
  static paginate_by = 3;
}

export class TaskDetail extends DetailView {
  static model = Task;
}

// Python: class TaskCreate(LoginRequiredMixin, CreateView)
export class TaskCreate extends bases(LoginRequiredMixin, CreateView) {
  static model = Task;
  static fields = ["title", "due", "notes"];
}

export class TaskUpdate extends bases(LoginRequiredMixin, UpdateView) {
  static model = Task;
  static fields = ["title", "done", "due", "notes"];
  static template_name_suffix = "_update_form";
}

export class TaskDelete extends bases(LoginRequiredMixin, DeleteView) {
  static model = Task;
  static success_url = reverse_lazy("task-list");
}
