import { messages } from "django/contrib";
import { SuccessMessageMixin } from "django/contrib/messages/views";
import { HttpResponse, JsonResponse } from "django/http";
import { redirect, render } from "django/shortcuts";
import { reverse_lazy } from "django/urls";
import { require_POST } from "django/views/decorators/http";
import { CreateView } from "django/views/generic/edit";
import { bases } from "python";
import { Post } from "./models";

const CRITICAL = 50;

export function index(request) {
  return render(request, "board/index.html", { posts: Post.objects.all() });
}

export const add = require_POST(function add(request) {
  const kind = request.POST.get("kind", "info");
  const text = request.POST.get("text", "");
  const extra = request.POST.get("extra", "");
  if (kind === "critical") messages.add_message(request, CRITICAL, text, { extra_tags: extra });
  else if (kind === "plain") messages.add_message(request, messages.INFO, text);
  else messages[kind](request, text, { extra_tags: extra });
  return redirect("index");
});

export function verbose(request) {
  messages.set_level(request, messages.DEBUG);
  messages.debug(request, `${3} SQL statements were executed.`);
  messages.info(request, `Level is now ${messages.get_level(request)}.`);
  return redirect("index");
}

export function quiet(request) {
  messages.set_level(request, messages.WARNING);
  messages.info(request, "You will not see this.");
  messages.warning(request, "Only warnings and up.");
  return redirect("index");
}

export function peek(request) {
  const storage = messages.get_messages(request);
  const seen = [...storage].map((m) => `${m.level}:${m.tags}:${m}`);
  storage.used = false;
  return new HttpResponse(seen.join("\n") || "nothing", { content_type: "text/plain" });
}

export function as_json(request) {
  return new JsonResponse({ messages: [...messages.get_messages(request)].map((m) => ({ message: String(m), level: m.level, tags: m.tags, level_tag: m.level_tag, extra_tags: m.extra_tags })) });
}

export function flood(request) {
  for (let i = 0; i < 40; i++) messages.info(request, `Message number ${i} with some padding to fill the cookie quickly.`);
  return redirect("index");
}

export class PostCreateView extends bases(SuccessMessageMixin, CreateView) {
  static model = Post;
  static fields = ["title", "body"];
  static success_url = reverse_lazy("index");
  static success_message = "%(title)s was created successfully";
}

export class PostCountView extends bases(SuccessMessageMixin, CreateView) {
  static model = Post;
  static fields = ["title"];
  static success_url = reverse_lazy("index");
  static success_message = "“%(title)s” is post number %(count)s";

  get_success_message(cleaned_data) {
    return this.success_message.replace("%(title)s", cleaned_data.title).replace("%(count)s", String(Post.objects.count()));
  }
}
