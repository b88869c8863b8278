/**
 * click, replayed against real click 8.5 (recorded.json, from record.py): the same four programs
 * (programs.ts), the same command lines → the same stdout, stderr and exit status, byte for byte —
 * help pages, usage errors, conversions, flags, groups, Abort and Exit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run_process } from "../../../src/frameworks/python/sys";
import type { Command } from "../../../src/frameworks/click";
import { PROGRAMS } from "./programs";

interface Case {
  program: string;
  argv: string[];
  stdout: string;
  stderr: string;
  exit_code: number;
}

const recorded: { click: string; cases: Case[] } = JSON.parse(readFileSync(join(import.meta.dirname, "recorded.json"), "utf8"));

/** Run a click program as a process (not a terminal), collecting its two streams. */
export async function run_program(program: Command, prog_name: string, argv: string[]): Promise<{ stdout: string; stderr: string; exit_code: number }> {
  let stdout = "";
  let stderr = "";
  const stream = (write: (text: string) => void) => ({
    write(text: string) {
      write(text);
      return text.length;
    },
    flush() {},
    isatty: () => false,
  });
  const exit_code = await run_process(
    { stdout: stream((t) => (stdout += t)), stderr: stream((t) => (stderr += t)), readline: async () => null, argv: [prog_name, ...argv], interactive: false },
    () => program.main(argv, { prog_name }),
  );
  return { stdout, stderr, exit_code };
}

describe(`click programs print what click ${recorded.click} prints`, () => {
  for (const c of recorded.cases) {
    test(`${c.program} ${c.argv.join(" ")}`.trim(), async () => {
      const actual = await run_program(PROGRAMS[c.program], c.program, c.argv);
      expect(actual).toEqual({ stdout: c.stdout, stderr: c.stderr, exit_code: c.exit_code });
    });
  }
});
