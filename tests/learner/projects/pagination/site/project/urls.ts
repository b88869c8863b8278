import { path } from "django/urls";
import * as views from "contacts/views";

export const urlpatterns = [
  path("contacts/", views.listing, { name: "listing" }),
  path("strict/", views.strict, { name: "strict" }),
  path("elided/", views.elided, { name: "elided" }),
  path("facts/", views.facts, { name: "facts" }),
  path("list/", views.ContactListView.as_view(), { name: "contact-list" }),
  path("strict-list/", views.StrictListView.as_view()),
];
