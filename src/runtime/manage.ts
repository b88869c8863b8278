/**
 * One `manage.py` process in the runtime: a command line → the mode's `manage` running as a
 * coroutine that can pause at a prompt. Main class: `ManageProcess`.
 *
 * A command that asks for input (`createsuperuser`'s "Username: ", the shell's `>>> `) awaits a
 * line. Given lines (a script's `input`) answer at once; in the Terminal, a prompt with no line
 * waiting pauses the process: `step()` resolves with what was written so far and the prompt, and
 * the next `send(line)` resumes it. `send(null)` is the end of input (Ctrl-D: EOFError);
 * `interrupt()` is Ctrl-C (KeyboardInterrupt). Output is kept as stdout/stderr chunks in order.
 */
import { KeyboardInterrupt } from "../frameworks/python/sys";
import { set_project_files, type ProjectFiles } from "../frameworks/python/fs";
import type { CommandPrompt, ManageIO, ManageResult, OutputChunk, ServedApplication } from "../modes";

export type ProcessOutcome = { kind: "prompt"; prompt: CommandPrompt } | { kind: "exit"; result: ManageResult & { application?: ServedApplication } } | { kind: "crash"; error: unknown };

/** The project's files during a process: the loaded ones, then what the process writes. */
export class ProcessFiles implements ProjectFiles {
  readonly written: Record<string, string> = {};
  readonly folders: string[] = [];
  constructor(private readonly files: Readonly<Record<string, string>>) {}

  read(path: string): string | null {
    return this.written[path] ?? this.files[path] ?? null;
  }
  write(path: string, text: string): void {
    this.written[path] = text;
  }
  exists(path: string): boolean {
    const all = [...Object.keys(this.files), ...Object.keys(this.written), ...this.folders.map((f) => `${f}/`)];
    return all.some((p) => p === path || p.startsWith(`${path}/`));
  }
  mkdir(path: string): void {
    if (!this.folders.includes(path)) this.folders.push(path);
  }
}

export class ManageProcess {
  private chunks: OutputChunk[] = [];
  private readonly queued: string[];
  private waiting: { resolve: (line: string | null) => void; reject: (e: unknown) => void } | null = null;
  private wake: ((outcome: ProcessOutcome) => void) | null = null;
  private finished: ProcessOutcome | null = null;
  private error: unknown = null;
  readonly files: ProcessFiles;

  constructor(
    readonly argv: readonly string[],
    options: { input?: readonly string[]; interactive?: boolean; files: Readonly<Record<string, string>> },
    private readonly interactive = options.interactive ?? false,
  ) {
    this.queued = [...(options.input ?? [])];
    this.files = new ProcessFiles(options.files);
  }

  /** The IO the mode's `manage` runs with. A person answers when the Terminal runs it or a script gives lines. */
  io(): ManageIO {
    return {
      interactive: this.interactive || this.queued.length > 0,
      write: (stream, text) => this.write(stream, text),
      input: (prompt) => this.read(prompt),
      error: (e) => {
        this.error = e;
      },
    };
  }

  /** Start the process (the mode's manage as a coroutine); resolves at its first prompt or when it ends. */
  start(run: (io: ManageIO) => Promise<ManageResult & { application?: ServedApplication }>): Promise<ProcessOutcome> {
    set_project_files(this.files);
    const waiting = this.next_outcome();
    run(this.io()).then(
      (result) => this.settle({ kind: "exit", result }),
      (error: unknown) => this.settle({ kind: "crash", error }),
    );
    return waiting;
  }

  /** Answer the pending prompt (null: end of input) and run until the next prompt or the end. */
  send(line: string | null): Promise<ProcessOutcome> {
    if (this.finished) return Promise.resolve(this.finished);
    const waiting = this.waiting;
    if (!waiting) return Promise.resolve({ kind: "crash", error: new Error("The command is not waiting for input.") });
    this.waiting = null;
    const next = this.next_outcome();
    set_project_files(this.files);
    waiting.resolve(line);
    return next;
  }

  /** Ctrl-C: the pending prompt raises KeyboardInterrupt. */
  interrupt(): Promise<ProcessOutcome> {
    if (this.finished) return Promise.resolve(this.finished);
    const waiting = this.waiting;
    if (!waiting) return Promise.resolve({ kind: "crash", error: new Error("The command is not waiting for input.") });
    this.waiting = null;
    const next = this.next_outcome();
    set_project_files(this.files);
    waiting.reject(new KeyboardInterrupt());
    return next;
  }

  /** Whether the process is paused at a prompt. */
  get paused(): boolean {
    return this.waiting !== null && !this.finished;
  }

  get done(): boolean {
    return this.finished !== null;
  }

  /** The exception a traceback was printed for, if any. */
  get crashed_with(): unknown {
    return this.error;
  }

  /** What was written since the last call, in order. */
  take_output(): OutputChunk[] {
    const out = this.chunks;
    this.chunks = [];
    return out;
  }

  private write(stream: OutputChunk["stream"], text: string): void {
    if (!text) return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
  }

  /** A prompt: written, then answered from the queue, paused for the Terminal, or end of input. */
  private read(prompt: CommandPrompt): Promise<string | null> {
    this.write("stdout", prompt.text);
    if (this.queued.length) {
      const line = this.queued.shift()!;
      // Piped input is not echoed by a terminal: the transcript shows prompts run together, as Python's does.
      return Promise.resolve(line);
    }
    if (!this.interactive) return Promise.resolve(null);
    return new Promise<string | null>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.wake?.({ kind: "prompt", prompt });
    });
  }

  private next_outcome(): Promise<ProcessOutcome> {
    return new Promise((resolve) => {
      this.wake = (outcome) => {
        this.wake = null;
        resolve(outcome);
      };
    });
  }

  private settle(outcome: ProcessOutcome): void {
    this.finished = outcome;
    set_project_files(null);
    this.wake?.(outcome);
  }
}
