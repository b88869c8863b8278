/**
 * `python manage.py test` on the polls tutorial project (part 5's tests, plus one failing and one
 * erroring test), compared with what Django 5.2.17 printed for the same project written in Python
 * (projects/polls/twin, recorded by record.py into projects/polls/recorded.json): stdout, stderr
 * and the exit status of each command line.
 *
 * Only what differs by nature between the two languages is normalised (see `comparable`): in a
 * traceback, a frame of the project's own test file is compared by file and function (its line
 * number and source line are TypeScript's, checked on their own below), and frames inside the
 * framework are left out — Python lists Django's files, the lab lists none.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { HeadlessRuntime } from "../../../../src/runtime/headless";
import { PROJECTS, load_project, manage, type ManageRun } from "./harness";

interface RecordedRun extends ManageRun {
  argv: string[];
}

const FRAME = /^ {2}File "([^"]+)", line \d+, in (.+)$/;

/** A transcript with tracebacks reduced to the project's frames, by file (no extension) and function; the duration zeroed. */
export function comparable(text: string): string {
  const out: string[] = [];
  let in_frame = false;
  for (const line of text.split("\n")) {
    const frame = FRAME.exec(line);
    if (frame) {
      const [, file, name] = frame;
      in_frame = true;
      if (!file.startsWith("<")) out.push(`  File "${file.replace(/\.(py|ts)$/, "")}", in ${name}`);
      continue;
    }
    if (in_frame && line.startsWith("    ")) continue;
    in_frame = false;
    out.push(line.replace(/^Ran (\d+) (tests?) in \d+\.\d{3}s$/, "Ran $1 $2 in 0.000s"));
  }
  return out.join("\n");
}

const recorded: { runs: RecordedRun[] } = JSON.parse(readFileSync(join(PROJECTS, "polls", "recorded.json"), "utf8"));

describe("manage.py test on the polls tutorial, as Django 5.2.17 prints it", () => {
  let runtime: HeadlessRuntime;
  let files: Record<string, string>;
  beforeAll(async () => {
    ({ runtime, files } = await load_project("polls"));
  }, 60_000);

  for (const expected of recorded.runs) {
    it(`python manage.py ${expected.argv.join(" ")}`, async () => {
      const run = await manage(runtime, expected.argv);
      expect(comparable(run.stdout)).toBe(comparable(expected.stdout));
      expect(comparable(run.stderr)).toBe(comparable(expected.stderr));
      expect(run.exit_code).toBe(expected.exit_code);
    });
  }

  it("points each traceback at the learner's tests.ts line, and prints that line", async () => {
    const run = await manage(runtime, ["test", "polls.tests.QuestionModelTests"]);
    const source = files["polls/tests.ts"].split("\n");
    const line_of = (text: string) => source.findIndex((line) => line.includes(text)) + 1;
    const failing = line_of(`this.assertEqual(String(question), "What's up?");`);
    const erroring = line_of("const question = Question.objects.get({ pk: 999 });");
    expect(run.stderr).toContain(`  File "polls/tests.ts", line ${failing}, in test_str_is_the_question_text\n    this.assertEqual(String(question), "What's up?");\nAssertionError: "What's new?" != "What's up?"\n`);
    expect(run.stderr).toContain(`  File "polls/tests.ts", line ${erroring}, in test_get_a_missing_question\n    const question = Question.objects.get({ pk: 999 });\npolls.models.Question.DoesNotExist: Question matching query does not exist.\n`);
  });

  it("leaves the learner's own database as it was: the tests ran on a test database", async () => {
    const shell = (code: string) => manage(runtime, ["shell", "-v", "0", "-c", code]);
    await shell(`Question.objects.create({ question_text: "Mine", pub_date: "2026-01-01 12:00:00Z" })`);
    const run = await manage(runtime, ["test", "polls.tests.QuestionIndexViewTests.test_no_questions"]);
    expect(run.stderr).toContain("\nOK\n");
    const after = await shell("print(Question.objects.values_list('question_text', { flat: true }))");
    expect(after.stdout).toBe("<QuerySet ['Mine']>\n");
  });
});
