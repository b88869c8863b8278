/**
 * Python's `linecache`: a file name and a line number → that line of the source, which a
 * traceback prints under each frame (`    self.assertIs(...)`).
 *
 * There is no file system: the runtime installs the reader (`set_source_reader`), which answers from
 * the project's files. Framework files are not readable here, so their lines come back empty and a
 * traceback prints the frame alone, as Python does when a source file is missing.
 *
 *     getline("polls/tests.ts", 12)   // "    this.assertIs(future_question.was_published_recently(), false);\n"
 */
export type SourceReader = (filename: string) => string | undefined;

let reader: SourceReader = () => undefined;
const cache = new Map<string, string[]>();

export function set_source_reader(fn: SourceReader | null): void {
  reader = fn ?? (() => undefined);
  cache.clear();
}

/** The file's lines, each with its line end ([] when the file cannot be read). */
export function getlines(filename: string): string[] {
  let lines = cache.get(filename);
  if (lines === undefined) {
    const text = reader(filename);
    lines = text === undefined ? [] : text.split(/(?<=\n)/);
    if (lines.length && !lines[lines.length - 1].endsWith("\n")) lines[lines.length - 1] += "\n";
    cache.set(filename, lines);
  }
  return lines;
}

/** Line `lineno` (1-based) with its line end, or "" when there is no such line. */
export function getline(filename: string, lineno: number): string {
  const lines = getlines(filename);
  return lineno >= 1 && lineno <= lines.length ? lines[lineno - 1] : "";
}

/** Forget what was read (the project's files changed). */
export function clearcache(): void {
  cache.clear();
}
