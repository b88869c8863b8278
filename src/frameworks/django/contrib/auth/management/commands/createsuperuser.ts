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
import { Exception } from "../../../../../python/builtins";
import { KeyboardInterrupt, exit as sys_exit, getpass, input, stdin } from "../../../../../python/sys";
import { BaseCommand, type CommandOptions, type CommandParser } from "../../../../core/management/base";
import { validate_password } from "../../password_validation";

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

// --- the management command ----------------------------------------------------------------------

/** Raised when prompting would be needed but nobody is at a terminal to answer. */
class NotRunningInTTYException extends Exception {}

/**
 * `manage.py createsuperuser`: prompts for the username, each REQUIRED_FIELDS value and the
 * password twice (not echoed), validates the password against AUTH_PASSWORD_VALIDATORS (and offers
 * to bypass them), then creates the user. `--noinput` takes the values from the options instead
 * (`createsuperuser()` above). Ctrl-C prints "Operation cancelled." and exits 1.
 */
export class Command extends BaseCommand {
  override help = "Used to create a superuser.";
  override requires_migrations_checks = true;
  override stealth_options = ["stdin"];
  UserModel: any = get_user_model();
  username_field: any = this.UserModel._meta.get_field(this.UserModel.USERNAME_FIELD);

  override add_arguments(parser: CommandParser): void {
    parser.add_argument(`--${this.UserModel.USERNAME_FIELD}`, { help: "Specifies the login for the superuser." });
    parser.add_argument("--noinput", "--no-input", {
      action: "store_false",
      dest: "interactive",
      help: `Tells Django to NOT prompt the user for input of any kind. You must use --${this.UserModel.USERNAME_FIELD} with --noinput, along with an option for any other required field. Superusers created with --noinput will not be able to log in until they're given a valid password.`,
    });
    parser.add_argument("--database", { default: DEFAULT_DB_ALIAS, choices: [DEFAULT_DB_ALIAS], help: 'Specifies the database to use. Default is "default".' });
    for (const field_name of this.UserModel.REQUIRED_FIELDS as string[]) parser.add_argument(`--${field_name}`, { help: `Specifies the ${field_name} for the superuser.` });
  }

  override async handle(options: CommandOptions): Promise<void> {
    const username_field_name: string = this.UserModel.USERNAME_FIELD;
    const database = options.database as string;
    const verbose = String(this.username_field.verbose_name);
    try {
      if (!options.interactive) {
        const options_values: CreateSuperuserOptions = { database };
        for (const name of [username_field_name, ...(this.UserModel.REQUIRED_FIELDS as string[])]) options_values[name] = options[name] ?? undefined;
        const { output } = createsuperuser(options_values);
        if ((options.verbosity as number) >= 1) this.stdout.write(output, null, "");
        return;
      }
      if (!stdin.isatty()) throw new NotRunningInTTYException();
      const user_data: Record<string, unknown> = {};
      let username: string | null = (options[username_field_name] as string | null) ?? null;
      if (username) {
        const error = this._validate_username(username, verbose, database);
        if (error) {
          this.stderr.write(error);
          username = null;
        }
      } else if (username === "") throw new CommandError(`${capfirst(verbose)} cannot be blank.`);
      while (username === null) {
        username = (await this.get_input_data(this.username_field, this._get_input_message(this.username_field))) as string | null;
        if (username) {
          const error = this._validate_username(username, verbose, database);
          if (error) {
            this.stderr.write(error);
            username = null;
          }
        }
      }
      user_data[username_field_name] = username;
      for (const field_name of this.UserModel.REQUIRED_FIELDS as string[]) {
        const field = this.UserModel._meta.get_field(field_name);
        user_data[field_name] = options[field_name] ?? null;
        if (user_data[field_name] !== null) user_data[field_name] = field.clean(user_data[field_name], null);
        while (user_data[field_name] === null) user_data[field_name] = await this.get_input_data(field, this._get_input_message(field));
      }
      let password: string | null = null;
      while (password === null) {
        const first = await getpass();
        const second = await getpass("Password (again): ");
        if (first !== second) {
          this.stderr.write("Error: Your passwords didn't match.");
          continue;
        }
        if (first.trim() === "") {
          this.stderr.write("Error: Blank passwords aren't allowed.");
          continue;
        }
        try {
          validate_password(second, new this.UserModel(user_data));
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          this.stderr.write(((e as { messages?: string[] }).messages ?? [e.message]).join("\n"));
          const response = await input("Bypass password validation and create user anyway? [y/N]: ");
          if (response.toLowerCase() !== "y") continue;
        }
        password = first;
      }
      const { [username_field_name]: name, ...extra } = user_data;
      this.UserModel._default_manager.db_manager(database).create_superuser(name, extra.email ?? null, password, without(extra, "email"));
      if ((options.verbosity as number) >= 1) this.stdout.write("Superuser created successfully.");
    } catch (e) {
      if (e instanceof KeyboardInterrupt) {
        this.stderr.write("\nOperation cancelled.");
        sys_exit(1);
      }
      if (e instanceof ValidationError) throw new CommandError(((e as { messages?: string[] }).messages ?? [e.message]).join("; "));
      if (e instanceof NotRunningInTTYException) {
        this.stdout.write("Superuser creation skipped due to not running in a TTY. You can run `manage.py createsuperuser` in your project to create one manually.");
        return;
      }
      throw e;
    }
  }

  /** `input(message)`, the default for a blank answer, then the field's own cleaning ("Error: …" and null when it fails). */
  async get_input_data(field: any, message: string, default_value: string | null = null): Promise<unknown> {
    let raw = await input(message);
    if (default_value && raw === "") raw = default_value;
    try {
      return field.clean(raw, null);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this.stderr.write(`Error: ${((e as { messages?: string[] }).messages ?? [e.message]).join("; ")}`);
      return null;
    }
  }

  /** "Username: ", "Email address: " — the field's verbose name, capitalised. */
  _get_input_message(field: any, default_value: string | null = null): string {
    return `${capfirst(String(field.verbose_name))}${default_value ? ` (leave blank to use '${default_value}')` : ""}: `;
  }

  /** An error message for a taken, blank or invalid username, or null. */
  _validate_username(username: string, verbose_field_name: string, database: string): string | null {
    if (this.username_field.unique && this.UserModel._default_manager.db_manager(database).filter({ [this.UserModel.USERNAME_FIELD]: username }).exists())
      return `Error: That ${verbose_field_name} is already taken.`;
    if (!username) return `${capfirst(verbose_field_name)} cannot be blank.`;
    try {
      this.username_field.clean(username, null);
    } catch (e) {
      if (e instanceof ValidationError) return ((e as { messages?: string[] }).messages ?? [e.message]).join("; ");
      throw e;
    }
    return null;
  }
}

function capfirst(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
