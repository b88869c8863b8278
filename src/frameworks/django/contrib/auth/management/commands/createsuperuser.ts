/**
 * `manage.py createsuperuser --noinput`, as a function a scenario calls: a username, an email and
 * a password → a row in the user table with is_staff and is_superuser set.
 *
 *     createsuperuser({ username: "admin", email: "admin@example.com", password: "admin" })
 *     // → { user, output: "Superuser created successfully.\n" }
 *     // SQL: INSERT INTO "auth_user" ("password", "last_login", "is_superuser", "username", …)
 *
 * Like `--noinput`, nothing is asked: USERNAME_FIELD and every REQUIRED_FIELDS value must be given
 * (Django reads them from `--username`/`--email` or DJANGO_SUPERUSER_* variables), each is
 * cleaned by its model field, and a taken username is a CommandError. The password is not run
 * through AUTH_PASSWORD_VALIDATORS (`--noinput` does not either); without one the password is unusable.
 */
import { trace_site } from "../../../../../../trace";
import { CommandError } from "../../../../core/management/base";
import { ValidationError } from "../../../../core/exceptions";
import { DEFAULT_DB_ALIAS } from "../../../../db/utils";
import { get_user_model } from "../../index";

const AUTH = trace_site("auth", "django/contrib/auth/management/commands/createsuperuser.ts", { eager: true });

export interface CreateSuperuserOptions {
  /** Values for USERNAME_FIELD and REQUIRED_FIELDS, by field name (`username`, `email`, …). */
  [field: string]: unknown;
  password?: string | null;
  database?: string;
}

export function createsuperuser(options: CreateSuperuserOptions = {}): { user: any; output: string } {
  const UserModel = get_user_model();
  const username_field_name: string = UserModel.USERNAME_FIELD;
  return AUTH.run("createsuperuser", () => ({ username: String(options[username_field_name] ?? "") }), () => {
    const database = options.database ?? DEFAULT_DB_ALIAS;
    const user_data: Record<string, unknown> = {};
    for (const field_name of [username_field_name, ...(UserModel.REQUIRED_FIELDS as string[])]) {
      const value = options[field_name];
      if (value === undefined || value === null) throw new CommandError(`You must use --${field_name} with --noinput.`);
      user_data[field_name] = clean_field(UserModel, field_name, field_name === username_field_name ? UserModel.normalize_username(value) : value);
    }
    const username = user_data[username_field_name];
    if (UserModel._default_manager.db_manager(database).filter({ [username_field_name]: username }).exists())
      throw new CommandError(`Error: That ${UserModel._meta.get_field(username_field_name).verbose_name} is already taken.`);
    user_data.password = options.password ?? null;
    const { [username_field_name]: _u, password, ...extra } = user_data;
    const user = UserModel._default_manager.db_manager(database).create_superuser(username, extra.email ?? null, password, without(extra, "email"));
    return { user, output: "Superuser created successfully.\n" };
  });
}

/** `field.clean(raw_value, None)`; a ValidationError becomes "Error: …" as the command prints it. */
function clean_field(UserModel: any, field_name: string, value: unknown): unknown {
  const field = UserModel._meta.get_field(field_name);
  try {
    return field.clean(value, null);
  } catch (e) {
    if (e instanceof ValidationError) throw new CommandError(e.messages?.join("; ") ?? e.message);
    throw e;
  }
}

function without(values: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...values };
  delete copy[key];
  return copy;
}
