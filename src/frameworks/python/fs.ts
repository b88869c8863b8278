/**
 * The project's files as a file system, for the few framework steps that read or write files the
 * way Python does with `open()` and `os.path`: `startapp` creates an app's files, `makemigrations`
 * writes a migration. Paths are relative to the project root ("blog/models.ts").
 *
 * The runtime installs the implementation for each `manage.py` run (`set_project_files`): reads
 * see the project as the editor has it, and what is written is handed back to the page, which
 * adds the files to the editor. Outside a run there is nothing to write to.
 */
import { Exception } from "./builtins";

export class FileExistsError extends Exception {}
export class FileNotFoundError extends Exception {}

export interface ProjectFiles {
  /** The text of a file, or null when there is none. */
  read(path: string): string | null;
  /** Create or replace a file. */
  write(path: string, text: string): void;
  /** Whether a file, or a folder holding files, is at this path. */
  exists(path: string): boolean;
  /** Create an empty folder (files imply their folders). */
  mkdir(path: string): void;
}

const NONE: ProjectFiles = {
  read: () => null,
  write: (path) => {
    throw new FileNotFoundError(`[Errno 30] Read-only file system: '${path}'`);
  },
  exists: () => false,
  mkdir: (path) => {
    throw new FileNotFoundError(`[Errno 30] Read-only file system: '${path}'`);
  },
};

let current: ProjectFiles = NONE;

export function set_project_files(files: ProjectFiles | null): void {
  current = files ?? NONE;
}

export function project_files(): ProjectFiles {
  return current;
}
