/**
 * The Terminal's state without a screen: keystrokes (as a terminal sends them) → an edited line,
 * a history walked with the arrow keys, and submitted command lines → the project's program runs
 * in the worker. Main class: `TerminalModel`; `parse_command_line` turns `python manage.py migrate
 * blog` (Django) or `flask --app flaskr init-db` (Flask) into the program's argv. Which program a
 * project has is its mode's (`ModeDescriptor.command_line`): the terminal names none itself.
 *
 * The model outlives the panel (switching tabs unmounts it): it keeps the transcript, replayed into
 * a new xterm when the panel shows again, whether a command is paused at a prompt (the shell's
 * `>>> `, createsuperuser's `Password: `), and the last command's trace. Pure TypeScript: the
 * panel draws it with @xterm/xterm; the Vitest tests drive it with strings.
 */
import type { CommandPrompt, CommandResult, ManagementCommand, Trace } from "../../runtime/protocol";
import type { Outcome } from "../../runtime/client";
import type { CommandLine } from "../../modes/types";

/** What runs a command line or answers a prompt (the page's Session). */
export type ManageRunner = (command: ManagementCommand) => Promise<Outcome<CommandResult>>;

/** The shell prompt the Terminal shows between commands. */
export const SHELL_PROMPT = "\x1b[1;32m~/project\x1b[0m$ ";

/** Most characters of transcript kept for a replay (older output is dropped from the top). */
const TRANSCRIPT_CHARS = 200_000;
const HISTORY_LINES = 200;

export type ParsedLine = { kind: "empty" } | { kind: "manage"; argv: string[] } | { kind: "builtin"; name: "clear" | "help" | "history" } | { kind: "unknown"; program: string } | { kind: "error"; message: string };

/**
 * A command line → words, as a POSIX shell splits them: blanks separate words, single quotes keep
 * everything, double quotes keep all but `\"` and `\\`, a backslash outside quotes escapes the
 * next character. Linear in the line; an unterminated quote is an error, as bash says.
 */
export function split_words(line: string): string[] | { error: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) return { error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\" || line[i + 1] === "$" || line[i + 1] === "`")) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) return { error: 'unexpected EOF while looking for matching `"\'' };
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * A command line as the Terminal understands it: one of the program's invocations (`python
 * manage.py …`, `./manage.py …`, `django-admin …` for Django; `flask …`, `python -m flask …` for
 * Flask) runs it with the rest as its argv; `clear`, `help` and `history` are the terminal's own;
 * anything else is not a command here.
 */
export function parse_command_line(line: string, command_line: CommandLine | null): ParsedLine {
  const words = split_words(line);
  if (!Array.isArray(words)) return { kind: "error", message: words.error };
  if (!words.length) return { kind: "empty" };
  for (const invocation of command_line?.invocations ?? []) {
    if (invocation.every((word, i) => words[i] === word)) return { kind: "manage", argv: words.slice(invocation.length) };
  }
  const first = words[0];
  if (first === "clear" || first === "help" || first === "history") return { kind: "builtin", name: first };
  return { kind: "unknown", program: first };
}

export interface TerminalScreen {
  write(text: string): void;
  clear(): void;
}

export interface LastCommand {
  title: string;
  trace: Trace;
  exit_code: number | null;
}

/**
 * The terminal's line discipline and session: what is on screen, the line being typed (with a
 * cursor), the history, and the process (if any) paused at a prompt.
 */
export class TerminalModel {
  private transcript = "";
  private screen: TerminalScreen | null = null;
  private line = "";
  private cursor = 0;
  private readonly history: string[] = [];
  /** Where the arrow keys are in the history (history.length: the line being typed). */
  private historyAt = 0;
  /** The line being typed before walking the history (restored when walking back past the end). */
  private stash = "";
  /** The manage.py process paused at this prompt, or null: the shell's own prompt. */
  prompt: CommandPrompt | null = null;
  busy = false;
  last: LastCommand | null = null;
  private readonly listeners = new Set<() => void>();
  private started = false;
  private queue: Promise<void> = Promise.resolve();

  /** `command_line`: the program of the project now open (it changes when another project is opened). */
  constructor(
    private readonly run: ManageRunner,
    private readonly command_line: () => CommandLine | null,
  ) {}

  /** How the program is usually typed: `python manage.py`, `flask`. */
  private get program(): string {
    return this.command_line()?.invocations[0]?.join(" ") ?? "";
  }

  /** Attach a screen (a new xterm): what was written so far is replayed into it. */
  attach(screen: TerminalScreen): void {
    this.screen = screen;
    if (!this.started) {
      this.started = true;
      const command_line = this.command_line();
      this.out(
        command_line
          ? `Framework Lab terminal: the project's ${command_line.program} runs in the page's worker.\r\nType \x1b[1m${command_line.hint}\x1b[0m, or \x1b[1mhelp\x1b[0m for this terminal.\r\n\r\n`
          : "Framework Lab terminal: this project has no command-line program.\r\n\r\n",
      );
      this.showPrompt();
    } else {
      screen.write(this.transcript);
    }
  }

  detach(screen: TerminalScreen): void {
    if (this.screen === screen) this.screen = null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything written so far (ANSI included): what a replay shows. */
  text(): string {
    return this.transcript;
  }

  /** The history, oldest first. */
  entries(): readonly string[] {
    return this.history;
  }

  /** Keystrokes as a terminal sends them (xterm's onData): characters, Enter, arrows, Ctrl-C/D/L. Handled in order. */
  input(data: string): Promise<void> {
    this.queue = this.queue.then(() => this.handle(data));
    return this.queue;
  }

  private async handle(data: string): Promise<void> {
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const escape = /^\x1b\[(?:[0-9;]*)[A-Za-z~]|^\x1bO[A-Za-z]/.exec(rest);
      if (escape) {
        this.key(escape[0]);
        i += escape[0].length;
        continue;
      }
      const c = data[i++];
      if (c === "\r" || c === "\n") {
        if (c === "\r" && data[i] === "\n") i++;
        await this.submit();
      } else if (c === "\x7f" || c === "\b") this.backspace();
      else if (c === "\x03") await this.interrupt();
      else if (c === "\x04") await this.endOfInput();
      else if (c === "\x0c") this.clear();
      else if (c === "\x01") this.moveTo(0);
      else if (c === "\x05") this.moveTo(this.line.length);
      else if (c === "\x15") this.replaceLine("");
      else if (c >= " " && !this.busy) this.insert(c);
    }
  }

  private key(sequence: string): void {
    if (this.busy) return;
    if (sequence === "\x1b[A" || sequence === "\x1bOA") this.walkHistory(-1);
    else if (sequence === "\x1b[B" || sequence === "\x1bOB") this.walkHistory(1);
    else if (sequence === "\x1b[C" || sequence === "\x1bOC") this.moveTo(Math.min(this.line.length, this.cursor + 1));
    else if (sequence === "\x1b[D" || sequence === "\x1bOD") this.moveTo(Math.max(0, this.cursor - 1));
    else if (sequence === "\x1b[H" || sequence === "\x1bOH" || sequence === "\x1b[1~") this.moveTo(0);
    else if (sequence === "\x1b[F" || sequence === "\x1bOF" || sequence === "\x1b[4~") this.moveTo(this.line.length);
    else if (sequence === "\x1b[3~" && this.cursor < this.line.length) {
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
      this.redraw();
    }
  }

  private get secret(): boolean {
    return this.prompt?.secret ?? false;
  }

  private insert(text: string): void {
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
    if (this.secret) return;
    if (this.cursor === this.line.length) this.out(text);
    else this.redraw();
  }

  private backspace(): void {
    if (this.busy || this.cursor === 0) return;
    this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
    this.cursor--;
    if (this.secret) return;
    if (this.cursor === this.line.length) this.out("\b \b");
    else this.redraw();
  }

  private moveTo(position: number): void {
    if (this.busy || this.secret || position === this.cursor) return;
    const delta = position - this.cursor;
    this.cursor = position;
    this.out(delta > 0 ? `\x1b[${delta}C` : `\x1b[${-delta}D`);
  }

  private replaceLine(text: string): void {
    if (this.busy) return;
    this.line = text;
    this.cursor = text.length;
    if (!this.secret) this.redraw();
  }

  /** The prompt's last line and the typed line, drawn again on the current row. */
  private redraw(): void {
    const promptText = this.prompt ? this.prompt.text : SHELL_PROMPT;
    const lastLine = promptText.slice(promptText.lastIndexOf("\n") + 1);
    const back = this.line.length - this.cursor;
    this.out(`\r${lastLine}${this.line}\x1b[K${back > 0 ? `\x1b[${back}D` : ""}`);
  }

  private walkHistory(step: -1 | 1): void {
    if (this.secret || !this.history.length) return;
    const at = Math.max(0, Math.min(this.history.length, this.historyAt + step));
    if (at === this.historyAt) return;
    if (this.historyAt === this.history.length) this.stash = this.line;
    this.historyAt = at;
    this.replaceLine(at === this.history.length ? this.stash : this.history[at]);
  }

  private remember(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > HISTORY_LINES) this.history.splice(0, this.history.length - HISTORY_LINES);
    this.historyAt = this.history.length;
    this.stash = "";
  }

  private takeLine(): string {
    const line = this.line;
    this.line = "";
    this.cursor = 0;
    return line;
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const secret = this.secret;
    const line = this.takeLine();
    this.out("\r\n");
    if (!secret) this.remember(line);
    if (this.prompt) return this.send({ command: "manage_input", line }, null);
    const command_line = this.command_line();
    const parsed = parse_command_line(line, command_line);
    switch (parsed.kind) {
      case "empty":
        return this.showPrompt();
      case "error":
        this.out(`bash: ${parsed.message}\r\n`);
        return this.showPrompt();
      case "unknown":
        this.out(command_line ? `${parsed.program}: command not found here. This terminal runs the project's ${command_line.program}: try \x1b[1m${command_line.hint}\x1b[0m.\r\n` : `${parsed.program}: command not found here.\r\n`);
        return this.showPrompt();
      case "builtin":
        if (parsed.name === "clear") return this.clear();
        if (parsed.name === "history") this.out(this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\r\n`).join(""));
        else
          this.out(
            (command_line ? `${`${this.program} <command> [options]`.padEnd(40)}${command_line.help.replace(/\n/g, "\r\n")}\r\n` : "") +
              "↑ ↓  history    ← →  move    Ctrl-C  interrupt    Ctrl-D  end of input    Ctrl-L / clear  clear the screen\r\n",
          );
        return this.showPrompt();
      case "manage":
        return this.send({ command: "manage", argv: parsed.argv, interactive: true }, `${this.program} ${parsed.argv.join(" ")}`.trim());
    }
  }

  private async interrupt(): Promise<void> {
    if (this.busy) return;
    this.takeLine();
    this.out("^C\r\n");
    if (this.prompt) return this.send({ command: "manage_interrupt" }, null);
    this.showPrompt();
  }

  private async endOfInput(): Promise<void> {
    if (this.busy || !this.prompt || this.line) return;
    this.out("\r\n");
    return this.send({ command: "manage_input", line: null }, null);
  }

  private clear(): void {
    this.transcript = "";
    this.screen?.clear();
    if (this.prompt) this.out(this.prompt.text + (this.secret ? "" : this.line));
    else this.showPrompt();
  }

  private showPrompt(): void {
    this.out(SHELL_PROMPT);
  }

  /** Run a command line (title: what the trace is named after) or answer the paused one. */
  private async send(command: ManagementCommand, title: string | null): Promise<void> {
    this.busy = true;
    this.notify();
    let outcome: Outcome<CommandResult>;
    try {
      outcome = await this.run(command);
    } catch (e) {
      outcome = { kind: "failed", ms: 0, error: { type: "Error", message: e instanceof Error ? e.message : String(e), frames: [] } };
    }
    this.busy = false;
    this.prompt = null;
    const name = title ?? this.last?.title ?? this.program;
    if (outcome.kind === "deadline") {
      this.out("\r\n\x1b[31mThe command was still running at the deadline: the runtime was restarted (the database is as it was before).\x1b[0m\r\n");
      this.last = { title: name, trace: { spans: [] }, exit_code: null };
    } else if (outcome.kind === "failed" || !outcome.value.ok) {
      const error = outcome.kind === "failed" ? outcome.error : (outcome.value as Extract<CommandResult, { ok: false }>).error;
      this.out(`\x1b[31m${error.type}: ${error.message}\x1b[0m\r\n`);
      this.last = { title: name, trace: outcome.kind === "done" ? outcome.value.trace : { spans: [] }, exit_code: null };
    } else {
      const result = outcome.value;
      const chunks = result.chunks ?? [{ stream: "stdout" as const, text: result.output }];
      for (const chunk of chunks) this.out(chunk.text.replace(/\r?\n/g, "\r\n"));
      this.prompt = result.prompt ?? null;
      this.last = { title: name, trace: result.trace, exit_code: result.prompt ? null : (result.exit_code ?? 0) };
    }
    if (!this.prompt) {
      const shown = this.transcript.slice(-200).replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
      if (shown && !shown.endsWith("\n")) this.out("\r\n");
      this.showPrompt();
    }
    this.notify();
  }

  private out(text: string): void {
    if (!text) return;
    this.transcript += text;
    if (this.transcript.length > TRANSCRIPT_CHARS) {
      const cut = this.transcript.indexOf("\n", this.transcript.length - TRANSCRIPT_CHARS);
      this.transcript = this.transcript.slice(cut < 0 ? this.transcript.length - TRANSCRIPT_CHARS : cut + 1);
    }
    this.screen?.write(text);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
