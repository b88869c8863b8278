/**
 * click.testing: a command run as a test → its `Result` (exit code, what it printed, the exception
 * that ended it). Main class: `CliRunner`.
 *
 *   const result = await runner.invoke(cli, ["init-db"]);
 *   result.output      // "Initialized the database.\n"
 *
 * The command runs as a program would — standalone mode, its own stdout and stderr, input from the
 * given lines — and is awaited (its callback may be async, ADR 0023).
 */
import { run_process } from "../python/sys";
import { SystemExit } from "../python/sys";
import type { Command, ContextSettings } from "./core";

/** `Result`: how an invocation ended. */
export class Result {
  constructor(
    readonly runner: CliRunner,
    readonly stdout: string,
    readonly stderr: string,
    /** stdout and stderr interleaved as written. */
    readonly output: string,
    readonly exit_code: number,
    readonly exception: unknown,
    readonly return_value: unknown,
  ) {}

  toString(): string {
    return `<Result ${this.exception ? String(this.exception) : "okay"}>`;
  }
}

/** `CliRunner(charset="utf-8", env=None, echo_stdin=False, catch_exceptions=True)` */
export class CliRunner {
  readonly catch_exceptions: boolean;

  constructor(options: { catch_exceptions?: boolean } = {}) {
    this.catch_exceptions = options.catch_exceptions ?? true;
  }

  /** `get_default_prog_name(cli)`: the command's name, or "root". */
  get_default_prog_name(cli: Command): string {
    return cli.name ?? "root";
  }

  /**
   * `invoke(cli, args=None, input=None, catch_exceptions=True, **extra)`: run `cli` with these
   * words; an exception other than SystemExit is kept in the result (exit code 1) unless
   * `catch_exceptions` is false.
   */
  async invoke(cli: Command, args: string[] | string | null = null, options: { input?: string | string[] | null; catch_exceptions?: boolean; prog_name?: string } & ContextSettings = {}): Promise<Result> {
    const { input = null, catch_exceptions = this.catch_exceptions, prog_name = this.get_default_prog_name(cli), ...extra } = options;
    const argv = args === null ? [] : typeof args === "string" ? args.split(/\s+/).filter(Boolean) : [...args];
    const lines = input === null ? [] : Array.isArray(input) ? [...input] : input.split("\n");
    let stdout = "";
    let stderr = "";
    let output = "";
    const stream = (write: (text: string) => void) => ({
      write(text: string) {
        write(text);
        output += text;
        return text.length;
      },
      flush() {},
      isatty: () => false,
    });
    let return_value: unknown = null;
    let exception: unknown = null;
    let exit_code = 0;
    try {
      exit_code = await run_process(
        { stdout: stream((t) => (stdout += t)), stderr: stream((t) => (stderr += t)), readline: async () => lines.shift() ?? null, argv: [prog_name, ...argv], interactive: false },
        async () => {
          return_value = await cli.main(argv, { prog_name, ...extra });
        },
      );
      if (exit_code !== 0) exception = new SystemExit(exit_code);
    } catch (e) {
      if (!catch_exceptions) throw e;
      exception = e;
      exit_code = 1;
    }
    return new Result(this, stdout, stderr, output, exit_code, exception, return_value);
  }
}
