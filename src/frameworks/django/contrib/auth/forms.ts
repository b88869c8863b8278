/**
 * django.contrib.auth.forms: the sign-in and password forms → a user (AuthenticationForm), a new
 * user (UserCreationForm), a changed password (SetPasswordForm, PasswordChangeForm), a reset link
 * mailed to whoever owns an address (PasswordResetForm).
 *
 *     const form = new AuthenticationForm(request.POST, { request });
 *     form.is_valid()      // clean() calls authenticate(request, { username, password })
 *     form.get_user()      // the user, for login(request, form.get_user())
 *     // wrong password → non-field error "Please enter a correct username and password. Note that
 *     //                  both fields may be case-sensitive."
 *
 * Django's `AuthenticationForm(request=None, data=None)` takes the request first; here, as for every
 * form, data comes first and the request is an option (`LoginView.get_form_kwargs` passes it).
 * Django's `SetPasswordMixin` is a set of helpers shared by the password forms; here they are
 * functions that take the form (`validate_passwords(form, …)`).
 *
 *     const form = new PasswordResetForm({ email: "alice@example.com" });
 *     form.is_valid() && form.save({ request });
 *     // one EmailMultiAlternatives per active user with a usable password and that address:
 *     // subject "Password reset on localhost", body with http://localhost/accounts/reset/MQ/<token>/
 */
import { settings } from "../../conf";
import { ValidationError } from "../../core/exceptions";
import { EmailMultiAlternatives } from "../../core/mail/message";
import { CharField, EmailField, type CharFieldOptions, type Field } from "../../forms/fields";
import { Form } from "../../forms/forms";
import { ModelForm } from "../../forms/models";
import { EmailInput, PasswordInput, TextInput, type Widget } from "../../forms/widgets";
import { render_to_string } from "../../template/loader";
import { getLogger, log_options } from "../../../python/logging";
import { utf8_encode } from "../../../python/bytes";
import { urlsafe_base64_encode } from "../../utils/http";
import type { FormOptions } from "../../forms/forms";
import { capfirst } from "../../utils/text";
import { authenticate, get_user_model } from "./index";
import { User } from "./models";
import { password_validators_help_texts, validate_password } from "./password_validation";
import { default_token_generator, type PasswordResetTokenGenerator } from "./tokens";

/** A username: a CharField that NFKC-normalizes, with the browser hints Django adds. */
export class UsernameField extends CharField {
  override to_python(value: unknown): unknown {
    const text = super.to_python(value);
    if (typeof text !== "string") return text;
    // Normalization can make a string longer ("ﬀ" → "ff") but never shorter: an over-long value
    // is returned as is, for max_length to reject.
    if (this.max_length !== null && [...text].length > this.max_length) return text;
    return text.normalize("NFKC");
  }

  override widget_attrs(widget: Widget): Record<string, any> {
    return { ...super.widget_attrs(widget), autocapitalize: "none", autocomplete: "username" };
  }
}

// --- the password helpers (Django's SetPasswordMixin) --------------------------------------------

export const PASSWORD_MISMATCH = "The two password fields didn’t match.";

/** `create_password_fields(label1, label2)`: two password inputs, the second for confirmation. */
export function create_password_fields(label1 = "Password", label2 = "Password confirmation"): [CharField, CharField] {
  const password1 = new CharField({
    label: label1,
    required: true,
    strip: false,
    widget: new PasswordInput({ autocomplete: "new-password" }),
  } as CharFieldOptions);
  // Django's help text is lazy (`password_validators_help_text_html` wrapped in `lazy`): read from
  // AUTH_PASSWORD_VALIDATORS when a form is made, not when the field is (settings are not loaded yet).
  Object.defineProperty(password1, "help_text", { get: password_validators_help_html, set: () => {}, enumerable: true, configurable: true });
  const password2 = new CharField({
    label: label2,
    required: true,
    widget: new PasswordInput({ autocomplete: "new-password" }),
    strip: false,
    help_text: "Enter the same password as before, for verification.",
  } as CharFieldOptions);
  return [password1, password2];
}

/** `password_validators_help_text_html()`: the validators' help texts as a list (empty without validators). */
function password_validators_help_html(): string {
  // Before settings are configured (the framework loading) there are no texts (asked first rather
  // than caught, so that loading the framework throws nothing — docs/benchmarks.md, 2026-12-07 17:30).
  let texts: string[] = [];
  if (settings.configured) {
    try {
      texts = password_validators_help_texts();
    } catch {
      texts = [];
    }
  }
  return texts.length ? `<ul>${texts.map((t) => `<li>${t}</li>`).join("")}</ul>` : "";
}

/** Both passwords given and different → "The two password fields didn’t match." on the second. */
export function validate_passwords(form: Form, password1_field_name = "password1", password2_field_name = "password2"): void {
  const password1 = form.cleaned_data[password1_field_name];
  const password2 = form.cleaned_data[password2_field_name];
  if (password1 && password2 && password1 !== password2) form.add_error(password2_field_name, new ValidationError(PASSWORD_MISMATCH, { code: "password_mismatch" }));
}

/** AUTH_PASSWORD_VALIDATORS against the password, for this user. */
export function validate_password_for_user(form: Form, user: unknown, password_field_name = "password2"): void {
  const password = form.cleaned_data[password_field_name];
  if (!password) return;
  try {
    validate_password(password, user);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    form.add_error(password_field_name, e);
  }
}

export function set_password_and_save(form: Form, user: any, password_field_name = "password1", commit = true): any {
  user.set_password(form.cleaned_data[password_field_name]);
  if (commit) user.save();
  return user;
}

// --- signing in ----------------------------------------------------------------------------------

export class AuthenticationForm extends Form {
  static override fields: Record<string, Field | null> = {
    username: new UsernameField({ widget: new TextInput({ autofocus: true }) }),
    password: new CharField({ label: "Password", strip: false, widget: new PasswordInput({ autocomplete: "current-password" }) } as CharFieldOptions),
  };
  static error_messages: Record<string, string> = {
    invalid_login: "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.",
    inactive: "This account is inactive.",
  };

  request: unknown;
  user_cache: any = null;
  username_field: any;

  constructor(data: FormOptions["data"] = null, options: FormOptions & { request?: unknown } = {}) {
    const { request = null, ...form_options } = options;
    super(data, form_options);
    this.request = request;
    // The username field takes its max_length and label from the user model's USERNAME_FIELD.
    const UserModel = get_user_model();
    this.username_field = UserModel._meta.get_field(UserModel.USERNAME_FIELD);
    const username_max_length = this.username_field.max_length || 254;
    const field = this.fields.username as UsernameField;
    field.max_length = username_max_length;
    field.widget.attrs.maxlength = String(username_max_length);
    if (field.label === null || field.label === undefined) field.label = capfirst(this.username_field.verbose_name);
  }

  /** Both fields valid → authenticate; nobody → invalid_login; an inactive user → inactive. */
  override clean(): Record<string, any> {
    const username = this.cleaned_data.username;
    const password = this.cleaned_data.password;
    if (username !== null && username !== undefined && password) {
      this.user_cache = authenticate(this.request, { username, password });
      if (this.user_cache === null) throw this.get_invalid_login_error();
      this.confirm_login_allowed(this.user_cache);
    }
    return this.cleaned_data;
  }

  /** Override to refuse some users (Django refuses inactive ones a backend let through). */
  confirm_login_allowed(user: any): void {
    if (!user.is_active) throw new ValidationError(AuthenticationForm.error_messages.inactive, { code: "inactive" });
  }

  get_user(): any {
    return this.user_cache;
  }

  get_invalid_login_error(): ValidationError {
    return new ValidationError(AuthenticationForm.error_messages.invalid_login, { code: "invalid_login", params: { username: this.username_field.verbose_name } });
  }
}

// --- creating users ------------------------------------------------------------------------------

const [password1, password2] = create_password_fields();

/** A ModelForm for a new user: the username, a password and its confirmation. */
export class BaseUserCreationForm extends ModelForm {
  static override fields: Record<string, Field | null> = {
    username: new UsernameField({
      max_length: 150,
      label: "Username",
      help_text: "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
    }),
    password1,
    password2,
  };
  static override Meta = { model: User as any, fields: ["username"] };

  constructor(data: FormOptions["data"] = null, options: FormOptions & { instance?: any } = {}) {
    super(data, options);
    const username_field = (this.constructor as typeof BaseUserCreationForm).Meta!.model.USERNAME_FIELD;
    if (username_field in this.fields) this.fields[username_field].widget.attrs.autofocus = true;
  }

  override clean(): Record<string, any> {
    validate_passwords(this);
    return this.cleaned_data;
  }

  override _post_clean(): void {
    super._post_clean();
    validate_password_for_user(this, this.instance);
  }

  override save(options: { commit?: boolean } = {}): any {
    const commit = options.commit ?? true;
    const user = super.save({ commit: false });
    return set_password_and_save(this, user, "password1", commit);
  }
}

/** BaseUserCreationForm that also refuses a username differing only in case from an existing one. */
export class UserCreationForm extends BaseUserCreationForm {
  clean_username(): unknown {
    const username = this.cleaned_data.username;
    const model = (this.constructor as typeof UserCreationForm).Meta!.model;
    if (username && model.objects.filter({ username__iexact: username }).exists()) {
      // `instance.unique_error_message(model, ["username"])`: the field's own "unique" message.
      const message = model._meta.get_field("username").error_messages.unique;
      this._update_errors(new ValidationError({ username: [new ValidationError(message, { code: "unique" })] }));
      return undefined;
    }
    return username;
  }
}

// --- changing a password -------------------------------------------------------------------------

const [new_password1, new_password2] = create_password_fields("New password", "New password confirmation");

/** A new password for `user`, twice; no old password asked (the reset flow uses it). */
export class SetPasswordForm extends Form {
  static override fields: Record<string, Field | null> = { new_password1, new_password2 };
  user: any;

  constructor(user: any, data: FormOptions["data"] = null, options: FormOptions = {}) {
    super(data, options);
    this.user = user;
  }

  override clean(): Record<string, any> {
    validate_passwords(this, "new_password1", "new_password2");
    validate_password_for_user(this, this.user, "new_password2");
    return this.cleaned_data;
  }

  save(options: { commit?: boolean } = {}): any {
    return set_password_and_save(this, this.user, "new_password1", options.commit ?? true);
  }
}

/** SetPasswordForm with the old password first, which must be right. */
export class PasswordChangeForm extends SetPasswordForm {
  static override fields: Record<string, Field | null> = {
    old_password: new CharField({
      label: "Old password",
      strip: false,
      widget: new PasswordInput({ autocomplete: "current-password", autofocus: true }),
    } as CharFieldOptions),
  };
  static override field_order = ["old_password", "new_password1", "new_password2"];
  static error_messages: Record<string, string> = {
    password_mismatch: PASSWORD_MISMATCH,
    password_incorrect: "Your old password was entered incorrectly. Please enter it again.",
  };

  clean_old_password(): string {
    const old_password = this.cleaned_data.old_password;
    if (!this.user.check_password(old_password))
      throw new ValidationError(PasswordChangeForm.error_messages.password_incorrect, { code: "password_incorrect" });
    return old_password;
  }
}

// --- resetting a forgotten password --------------------------------------------------------------

const logger = getLogger("django.contrib.auth");

/**
 * `_unicode_ci_compare(s1, s2)`: the same identifier ignoring case, after NFKC (Unicode TR 36,
 * 2.11.2(B)(2)). Python's `casefold()` is full case folding ("ß" → "ss"); upper- then lower-casing
 * gives the same folding for the letters that have one.
 */
export function _unicode_ci_compare(s1: string, s2: string): boolean {
  const fold = (s: string) => s.normalize("NFKC").toUpperCase().toLowerCase();
  return fold(s1) === fold(s2);
}

export interface PasswordResetSaveOptions {
  domain_override?: string | null;
  subject_template_name?: string;
  email_template_name?: string;
  use_https?: boolean;
  token_generator?: PasswordResetTokenGenerator;
  from_email?: string | null;
  request?: any;
  html_email_template_name?: string | null;
  extra_email_context?: Record<string, unknown> | null;
}

/**
 * One email address → a one-use link mailed to each matching user. The form never says whether
 * the address belongs to anyone: an unknown address validates and sends nothing.
 */
export class PasswordResetForm extends Form {
  static override fields: Record<string, Field | null> = {
    email: new EmailField({ label: "Email", max_length: 254, widget: new EmailInput({ autocomplete: "email" }) } as CharFieldOptions),
  };

  /**
   * `send_mail(subject_template_name, email_template_name, context, from_email, to_email,
   * html_email_template_name=None)`: both templates rendered with the context (the subject on one
   * line), sent as an EmailMultiAlternatives. A failure to send is logged, never raised: the page
   * must look the same whether or not mail left.
   */
  send_mail(subject_template_name: string, email_template_name: string, context: Record<string, any>, from_email: string | null, to_email: string, html_email_template_name: string | null = null): void {
    // An email subject must not contain newlines.
    const subject = render_to_string(subject_template_name, context).split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).join("");
    const body = render_to_string(email_template_name, context);
    const email_message = new EmailMultiAlternatives(subject, body, from_email, [to_email]);
    if (html_email_template_name !== null) email_message.attach_alternative(render_to_string(html_email_template_name, context), "text/html");
    try {
      email_message.send();
    } catch (e) {
      logger.error("Failed to send password reset email to %s", context.user.pk, log_options({ exc_info: e }));
    }
  }

  /**
   * `get_users(email)`: who should get a reset — active users whose email matches without regard
   * to case (SQL `iexact`, then the Unicode comparison) and whose password is usable.
   */
  get_users(email: string): any[] {
    const UserModel = get_user_model();
    const email_field_name: string = UserModel.get_email_field_name();
    const active_users = UserModel._default_manager.filter({ [`${email_field_name}__iexact`]: email, is_active: true });
    return [...active_users].filter((u: any) => u.has_usable_password() && _unicode_ci_compare(email, u[email_field_name]));
  }

  /**
   * `save(domain_override=None, subject_template_name=…, email_template_name=…, use_https=False,
   * token_generator=default_token_generator, from_email=None, request=None,
   * html_email_template_name=None, extra_email_context=None)`: a link for each user of get_users.
   * The email's context: email, domain, site_name, uid (the pk in URL-safe base64), user, token,
   * protocol — then extra_email_context on top.
   */
  save(options: PasswordResetSaveOptions = {}): void {
    const email: string = this.cleaned_data.email;
    let site_name: string;
    let domain: string;
    if (!options.domain_override) {
      const site = get_current_site(options.request ?? null);
      [site_name, domain] = [site.name, site.domain];
    } else {
      site_name = domain = options.domain_override;
    }
    const UserModel = get_user_model();
    const email_field_name: string = UserModel.get_email_field_name();
    const token_generator = options.token_generator ?? default_token_generator;
    for (const user of this.get_users(email)) {
      const user_email: string = user[email_field_name];
      const context = {
        email: user_email,
        domain,
        site_name,
        uid: urlsafe_base64_encode(utf8_encode(UserModel._meta.pk.value_to_string(user))),
        user,
        token: token_generator.make_token(user),
        protocol: options.use_https ? "https" : "http",
        ...(options.extra_email_context ?? {}),
      };
      this.send_mail(
        options.subject_template_name ?? "registration/password_reset_subject.txt",
        options.email_template_name ?? "registration/password_reset_email.html",
        context,
        options.from_email ?? null,
        user_email,
        options.html_email_template_name ?? null,
      );
    }
  }
}

/**
 * Django's `get_current_site(request)` when django.contrib.sites is not installed (Framework Lab has
 * no sites framework): a `RequestSite`, whose domain and name are both the request's host.
 */
export function get_current_site(request: any): { domain: string; name: string } {
  const host: string = request.get_host();
  return { domain: host, name: host };
}
