import { admin } from "django/contrib";
import { Choice, Question } from "./models";

class ChoiceInline extends admin.TabularInline {
  model = Choice;
  extra = 3;
}

class QuestionAdmin extends admin.ModelAdmin {
  fieldsets = [
    [null, { fields: ["question_text"] }],
    ["Date information", { fields: ["pub_date"], classes: ["collapse"] }],
  ];
  inlines = [ChoiceInline];
  list_display = ["question_text", "pub_date", "was_published_recently"];
  list_filter = ["pub_date"];
  search_fields = ["question_text"];
}

admin.site.register(Question, QuestionAdmin);
