import { F } from "django/db/models";
import { HttpResponse, HttpResponseRedirect, JsonResponse } from "django/http";
import { get_object_or_404, render } from "django/shortcuts";
import { reverse } from "django/urls";
import * as timezone from "django/utils/timezone";
import { generic } from "django/views";
import { KeyError } from "python";
import { Choice, Question } from "./models";

export class IndexView extends generic.ListView {
  static template_name = "polls/index.html";
  static context_object_name = "latest_question_list";

  /** Return the last five published questions (not including those set to be published in the future). */
  get_queryset() {
    return Question.objects.filter({ pub_date__lte: timezone.now() }).order_by("-pub_date").slice(0, 5);
  }
}

export class DetailView extends generic.DetailView {
  static model = Question;
  static template_name = "polls/detail.html";

  /** Excludes any questions that aren't published yet. */
  get_queryset() {
    return Question.objects.filter({ pub_date__lte: timezone.now() });
  }
}

export class ResultsView extends generic.DetailView {
  static model = Question;
  static template_name = "polls/results.html";
}

export function vote(request, { question_id }) {
  const question = get_object_or_404(Question, { pk: question_id });
  let selected_choice;
  try {
    selected_choice = question.choice_set.get({ pk: request.POST.getitem("choice") });
  } catch (e) {
    if (!(e instanceof KeyError || e instanceof Choice.DoesNotExist)) throw e;
    // Redisplay the question voting form.
    return render(request, "polls/detail.html", { question, error_message: "You didn't select a choice." });
  }
  selected_choice.votes = new F("votes").add(1);
  selected_choice.save();
  // Always return an HttpResponseRedirect after successfully dealing with POST data.
  return new HttpResponseRedirect(reverse("polls:results", { args: [question.id] }));
}

export function question_json(request, { pk }) {
  const question = get_object_or_404(Question, { pk });
  return new JsonResponse({ id: question.id, question_text: question.question_text });
}

export function remember(request) {
  request.session.set("visits", request.session.get("visits", 0) + 1);
  return new HttpResponse(`visits=${request.session.getitem("visits")} user=${request.user.username}`);
}
