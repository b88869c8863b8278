/**
 * django.contrib.admin.forms: the admin login form.
 *
 * AdminAuthenticationForm is auth's AuthenticationForm that also refuses users who are not staff,
 * with one message for both a wrong password and a non-staff account ("…for a staff account…").
 */
import { ValidationError } from "../../core/exceptions";
import { AuthenticationForm } from "../auth/forms";

export class AdminAuthenticationForm extends AuthenticationForm {
  static override error_messages: Record<string, string> = {
    ...AuthenticationForm.error_messages,
    invalid_login: "Please enter the correct %(username)s and password for a staff account. Note that both fields may be case-sensitive.",
  };
  override required_css_class = "required";

  override confirm_login_allowed(user: any): void {
    super.confirm_login_allowed(user);
    if (!user.is_staff) throw this.get_invalid_login_error();
  }

  override get_invalid_login_error(): ValidationError {
    return new ValidationError(AdminAuthenticationForm.error_messages.invalid_login, { code: "invalid_login", params: { username: this.username_field.verbose_name } });
  }
}
