/**
 * django.core.mail.backends.filebased: `EmailBackend` that writes each message to a file instead of
 * sending it — one file per connection under settings.EMAIL_FILE_PATH, named
 * `<YYYYmmdd-HHMMSS>-<a number unique to the connection>.log`, each message as the console backend
 * prints it (the MIME text, a newline, 79 "-").
 *
 *   EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
 *   EMAIL_FILE_PATH = "sent_emails"      // a folder of the project, made when missing
 *
 * The folder is in the project's own files (python/fs.ts), which can be written while a manage.py
 * command runs (a custom command that sends mail; what it writes appears in the editor). While the
 * page serves a request the project is read-only: creating the backend then fails as Django does on
 * a read-only disk — ImproperlyConfigured "Could not create directory for saving email messages: …
 * ([Errno 30] Read-only file system: …)" (docs/adr/0042-email-files-and-password-reset.md).
 */
import { Exception, TypeError } from "../../../../python/builtins";
import { datetime } from "../../../../python/datetime";
// eslint-disable-next-line no-restricted-imports -- python/fs is the frameworks' own module (the project's files), not Node's fs
import { FileExistsError, project_files } from "../../../../python/fs";
import type { TextStream } from "../../../../python/sys";
import { settings } from "../../../conf";
import { ImproperlyConfigured } from "../../../core/exceptions";
import type { EmailBackendOptions } from "./base";
import { EmailBackend as ConsoleEmailBackend } from "./console";

let next_id = 0;

/** `open(path, "ab")`: text appended to a project file, written through at each write. */
class AppendStream implements Pick<TextStream, "write" | "flush"> {
  constructor(readonly path: string) {
    const files = project_files();
    if (files.read(path) === null) files.write(path, "");
  }

  write(text: string): number {
    const files = project_files();
    files.write(this.path, (files.read(this.path) ?? "") + text);
    return text.length;
  }

  flush(): void {}
}

/** `os.path.abspath` in a project whose root is the current folder: `./a//b/` → `a/b`. */
function project_path(path: string): string {
  return path.split("/").filter((part) => part !== "" && part !== ".").join("/");
}

export class EmailBackend extends ConsoleEmailBackend {
  file_path: string;
  _fname: string | null = null;
  private readonly id = ++next_id;
  declare stream: any;

  constructor(options: EmailBackendOptions & { file_path?: string | null } = {}) {
    const { file_path = null, ...rest } = options;
    // The console backend's stream is forced to None: open() makes the file's.
    super({ ...rest, stream: null as any });
    this.stream = null;
    // `getattr(settings, "EMAIL_FILE_PATH", None)`: Django has no default for it.
    const configured = file_path ?? ("EMAIL_FILE_PATH" in settings ? (settings.EMAIL_FILE_PATH as string | null) : null);
    if (configured === null) throw new TypeError("expected str, bytes or os.PathLike object, not NoneType");
    this.file_path = project_path(String(configured));
    this.make_directory();
  }

  /** `os.makedirs(file_path, exist_ok=True)`, with Django's two ImproperlyConfigured messages. */
  private make_directory(): void {
    const files = project_files();
    try {
      if (files.read(this.file_path) !== null) throw new FileExistsError(`[Errno 17] File exists: '${this.file_path}'`);
      if (!files.exists(this.file_path)) files.mkdir(this.file_path);
    } catch (e) {
      if (e instanceof FileExistsError) throw new ImproperlyConfigured(`Path for saving email messages exists, but is not a directory: ${this.file_path}`);
      if (e instanceof Exception) throw new ImproperlyConfigured(`Could not create directory for saving email messages: ${this.file_path} (${e.message})`);
      throw e;
    }
  }

  /** `_get_filename()`: one file per connection, named when first opened. */
  _get_filename(): string {
    if (this._fname === null) {
      const timestamp = datetime.now().strftime("%Y%m%d-%H%M%S");
      this._fname = `${this.file_path}/${timestamp}-${this.id}.log`;
    }
    return this._fname;
  }

  override open(): boolean {
    if (this.stream === null) {
      this.stream = new AppendStream(this._get_filename());
      return true;
    }
    return false;
  }

  override close(): void {
    this.stream = null;
  }
}
