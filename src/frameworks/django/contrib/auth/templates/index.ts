/**
 * django/contrib/auth/templates/: the one template django.contrib.auth ships itself →
 * `registration/password_reset_subject.txt`, the reset email's subject line, registered as a
 * package file so the app_directories loader finds it under the auth app (the pages themselves
 * come from the admin app, contrib/admin/templates/admin/registration.ts).
 *
 *     render_to_string("registration/password_reset_subject.txt", { site_name: "localhost" })
 *     // "\nPassword reset on localhost\n" — PasswordResetForm.send_mail joins the lines
 */
import { register_package_files } from "../../../template/loaders/filesystem";

const password_reset_subject_txt = `{% load i18n %}{% autoescape off %}
{% blocktranslate %}Password reset on {{ site_name }}{% endblocktranslate %}
{% endautoescape %}
`;

export const AUTH_TEMPLATES: Record<string, string> = {
  "registration/password_reset_subject.txt": password_reset_subject_txt,
};

register_package_files("django/contrib/auth/templates", AUTH_TEMPLATES);
