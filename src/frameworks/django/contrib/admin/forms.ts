/**
 * django.contrib.admin.forms: the admin login form.
 *
 * AdminAuthenticationForm: username + password → authenticate(); the credentials must belong to an
 * active staff member, otherwise the one error Django shows for both wrong passwords and non-staff.
 */
import { authenticate } from "../auth";

export const ADMIN_LOGIN_ERROR = "Please enter the correct %(username)s and password for a staff account. Note that both fields may be case-sensitive.";

export class AdminAuthenticationForm {
  request: any;
  data: any;
  user_cache: any = null;
  errors: string[] = [];
  private validated = false;

  constructor(request: any, data: any = null) {
    this.request = request;
    this.data = data;
  }

  get is_bound(): boolean {
    return this.data !== null;
  }

  get username(): string {
    return this.data?.get("username") ?? "";
  }

  is_valid(): boolean {
    if (!this.is_bound) return false;
    if (!this.validated) this.clean();
    return this.errors.length === 0;
  }

  /** authenticate(), then confirm_login_allowed(): active staff only. */
  clean(): void {
    this.validated = true;
    const username = this.username;
    const password = this.data?.get("password") ?? "";
    if (!username || !password) {
      this.errors.push("This field is required.");
      return;
    }
    this.user_cache = authenticate(this.request, { username, password });
    if (!this.user_cache || !this.user_cache.is_active || !this.user_cache.is_staff) this.errors.push(ADMIN_LOGIN_ERROR.replace("%(username)s", "username"));
  }

  get_user(): any {
    return this.user_cache;
  }
}
