/**
 * django.contrib.auth.urls: `include("django.contrib.auth.urls")` → the sign-in URLs with Django's
 * names, so `{% url 'login' %}` and `reverse("password_change_done")` work.
 *
 *     path("accounts/", include("django.contrib.auth.urls"))
 *     // accounts/login/  accounts/logout/  accounts/password_change/  accounts/password_change/done/
 *
 * Django also routes the four password-reset views here; they need e-mail and reset tokens, which
 * Framework Lab does not provide yet, so those routes are absent.
 */
import { path } from "../../urls";
import { LoginView, LogoutView, PasswordChangeDoneView, PasswordChangeView } from "./views";

export const urlpatterns = [
  path("login/", LoginView.as_view(), { name: "login" }),
  path("logout/", LogoutView.as_view(), { name: "logout" }),
  path("password_change/", PasswordChangeView.as_view(), { name: "password_change" }),
  path("password_change/done/", PasswordChangeDoneView.as_view(), { name: "password_change_done" }),
];
