/**
 * django.contrib.auth.urls: `include("django.contrib.auth.urls")` → the eight sign-in URLs with
 * Django's names, so `{% url 'login' %}` and `reverse("password_reset_confirm", …)` work.
 *
 *     path("accounts/", include("django.contrib.auth.urls"))
 *     // accounts/login/                  login
 *     // accounts/logout/                 logout
 *     // accounts/password_change/        password_change
 *     // accounts/password_change/done/   password_change_done
 *     // accounts/password_reset/         password_reset
 *     // accounts/password_reset/done/    password_reset_done
 *     // accounts/reset/<uidb64>/<token>/ password_reset_confirm
 *     // accounts/reset/done/             password_reset_complete
 */
import { path } from "../../urls";
import {
  LoginView,
  LogoutView,
  PasswordChangeDoneView,
  PasswordChangeView,
  PasswordResetCompleteView,
  PasswordResetConfirmView,
  PasswordResetDoneView,
  PasswordResetView,
} from "./views";

export const urlpatterns = [
  path("login/", LoginView.as_view(), { name: "login" }),
  path("logout/", LogoutView.as_view(), { name: "logout" }),
  path("password_change/", PasswordChangeView.as_view(), { name: "password_change" }),
  path("password_change/done/", PasswordChangeDoneView.as_view(), { name: "password_change_done" }),
  path("password_reset/", PasswordResetView.as_view(), { name: "password_reset" }),
  path("password_reset/done/", PasswordResetDoneView.as_view(), { name: "password_reset_done" }),
  path("reset/<uidb64>/<token>/", PasswordResetConfirmView.as_view(), { name: "password_reset_confirm" }),
  path("reset/done/", PasswordResetCompleteView.as_view(), { name: "password_reset_complete" }),
];
