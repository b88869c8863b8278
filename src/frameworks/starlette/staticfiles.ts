/**
 * starlette.staticfiles: a request path under a mount → a project file sent back (`StaticFiles`).
 *
 *   app.mount("/static", new StaticFiles({ directory: "static" }), { name: "static" })
 *
 * `GET /static/css/site.css` sends `static/css/site.css` as a FileResponse; a path that climbs out
 * of the folder (`..`), a folder, or nothing at all is `HTTPException(404)` — which the app's
 * exception handler answers (FastAPI's: `{"detail":"Not Found"}`); any method but GET and HEAD is
 * 405. With `html: true` a folder URL serves its `index.html` (redirecting `/docs` to `/docs/`
 * first) and a miss serves the folder's `404.html` with status 404 when there is one. The files
 * are the project's, as the editor has them; they carry no modification time, so there is no
 * `etag` and no 304 to a conditional request.
 * Main class: `StaticFiles`.
 */
import { get_project_files } from "../jinja2/loaders";
import { AssertionError, RuntimeError } from "../python/builtins";
import { URL } from "./datastructures";
import { HTTPException } from "./exceptions";
import { FileResponse, RedirectResponse, type Response } from "./responses";
import type { Receive, Scope, Send } from "./types";
import { get_route_path } from "./_utils";
import { WebSocketClose } from "./websockets";

export interface StaticFilesOptions {
  directory?: string | null;
  packages?: (string | [string, string])[] | null;
  html?: boolean;
  check_dir?: boolean;
  follow_symlink?: boolean;
}

/** What a path names in the project: a file, a folder (some file lies under it), or nothing. */
type Found = { kind: "file"; path: string } | { kind: "folder"; path: string } | null;

/** `os.path.normpath` for a relative POSIX path: `.` and empty parts dropped, `a/..` folded, `.` for nothing. */
export function normpath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/") || ".";
}

export class StaticFiles {
  readonly directory: string | null;
  readonly packages: (string | [string, string])[] | null;
  readonly all_directories: string[];
  readonly html: boolean;
  readonly follow_symlink: boolean;
  config_checked = false;

  /** `StaticFiles(*, directory=None, packages=None, html=False, check_dir=True, follow_symlink=False)` */
  constructor(options: StaticFilesOptions = {}) {
    this.directory = options.directory ?? null;
    this.packages = options.packages ?? null;
    this.all_directories = this.get_directories(this.directory, this.packages);
    this.html = options.html ?? false;
    this.follow_symlink = options.follow_symlink ?? false;
    if ((options.check_dir ?? true) && this.directory !== null && this.lookup(normpath(this.directory))?.kind !== "folder")
      throw new RuntimeError(`Directory '${this.directory}' does not exist`);
  }

  /** The folders files are served from: `directory`, then each package's `statics` folder. */
  get_directories(directory: string | null, packages: (string | [string, string])[] | null): string[] {
    const directories: string[] = [];
    if (directory !== null) directories.push(normpath(directory));
    for (const entry of packages ?? []) {
      const [pkg, statics_dir] = Array.isArray(entry) ? entry : [entry, "statics"];
      const folder = normpath(`${pkg.replaceAll(".", "/")}/${statics_dir}`);
      if (this.lookup(normpath(pkg.replaceAll(".", "/")))?.kind !== "folder") throw new AssertionError(`Package '${pkg}' could not be found.`);
      if (this.lookup(folder)?.kind !== "folder") throw new AssertionError(`Directory ''${statics_dir}'' in package '${pkg}' could not be found.`);
      directories.push(folder);
    }
    return directories;
  }

  /** The ASGI app: a WebSocket is closed; an HTTP request gets the file its path names. */
  async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type === "websocket") {
      await new WebSocketClose().__call__(scope, receive, send);
      return;
    }
    if (scope.type !== "http") throw new AssertionError();
    if (!this.config_checked) {
      this.check_config();
      this.config_checked = true;
    }
    const path = this.get_path(scope);
    const response = this.get_response(path, scope);
    await response.__call__(scope, receive, send);
  }

  /** The path under the mount, normalised (`/css/../a.css` → `a.css`; `/` → `.`). */
  get_path(scope: Scope): string {
    return normpath(get_route_path(scope));
  }

  /** `get_response(path, scope)`: the file, the folder's index.html or 404.html in html mode, or an HTTPException. */
  get_response(path: string, scope: Scope): Response {
    if (scope.method !== "GET" && scope.method !== "HEAD") throw new HTTPException(405);
    const found = this.lookup_path(path);
    if (found?.kind === "file") return this.file_response(found.path, scope);
    if (found?.kind === "folder" && this.html) {
      const index = this.lookup_path(path === "." ? "index.html" : `${path}/index.html`);
      if (index?.kind === "file") {
        if (!String(scope.path).endsWith("/")) {
          // A folder's URL always ends in "/", so that the page's relative links resolve inside it.
          const url = new URL("", { scope });
          return new RedirectResponse(url.replace({ path: url.path + "/" }));
        }
        return this.file_response(index.path, scope);
      }
    }
    if (this.html) {
      const not_found = this.lookup_path("404.html");
      if (not_found?.kind === "file") return new FileResponse(not_found.path, { status_code: 404 });
    }
    throw new HTTPException(404);
  }

  /**
   * `lookup_path(path)`: the first served folder holding `path`. A path that would leave the folder
   * (`../settings.ts`) is skipped for that folder, as Starlette's `commonpath` check skips it.
   */
  lookup_path(path: string): Found {
    if (path.startsWith("/") || path.startsWith("\\")) return null;
    for (const directory of this.all_directories) {
      const full = normpath(directory === "." ? path : `${directory}/${path}`);
      const inside = directory === "." ? full !== ".." && !full.startsWith("../") : full === directory || full.startsWith(directory + "/");
      if (!inside) continue;
      const found = this.lookup(full);
      if (found !== null) return found;
    }
    return null;
  }

  /** What is at a project path. */
  private lookup(path: string): Found {
    const files = get_project_files();
    if (path !== "." && Object.hasOwn(files, path)) return { kind: "file", path };
    const prefix = path === "." ? "" : path + "/";
    for (const name in files) if (name.startsWith(prefix)) return { kind: "folder", path };
    return null;
  }

  file_response(full_path: string, scope: Scope, status_code = 200): Response {
    return new FileResponse(full_path, { status_code, method: scope.method });
  }

  /** Once, at the first request: the directory must still be a folder of the project. */
  check_config(): void {
    if (this.directory === null) return;
    const found = this.lookup(normpath(this.directory));
    if (found === null) throw new RuntimeError(`StaticFiles directory '${this.directory}' does not exist.`);
    if (found.kind !== "folder") throw new RuntimeError(`StaticFiles path '${this.directory}' is not a directory.`);
  }
}
