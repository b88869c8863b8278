/**
 * `manage.py test [test_label …]`: the project's tests run by the TEST_RUNNER
 * (django.test.runner.DiscoverRunner) against a test database; exit status 1 when any failed.
 *
 *     python manage.py test polls                 every test* module in polls/
 *     python manage.py test polls.tests.QuestionModelTests.test_future_question
 *     python manage.py test --failfast -k future
 */
import { exit as sys_exit } from "../../../../python/sys";
import { settings } from "../../../conf";
import { get_runner } from "../../../test/utils";
import type { DiscoverRunner, DiscoverRunnerOptions } from "../../../test/runner";
import { BaseCommand, type CommandOptions, type CommandParser } from "../base";

export class Command extends BaseCommand {
  override help = "Discover and run tests in the specified modules or the current directory.";
  /** The runner runs the checks itself, after the test database exists. */
  override requires_system_checks: string[] = [];

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("args", { metavar: "test_label", nargs: "*", help: "Module paths to test; can be modulename, modulename.TestCase or modulename.TestCase.test_method" });
    parser.add_argument("--noinput", "--no-input", { action: "store_false", dest: "interactive", help: "Tells Django to NOT prompt the user for input of any kind." });
    parser.add_argument("--failfast", { action: "store_true", help: "Tells Django to stop running the test suite after first failed test." });
    parser.add_argument("--testrunner", { help: "Tells Django to use specified test runner class instead of the one specified by the TEST_RUNNER setting." });
    parser.add_argument("-p", "--pattern", { default: "test*.py", help: "The test matching pattern. Defaults to test*.py." });
    parser.add_argument("-r", "--reverse", { action: "store_true", help: "Reverses test case order." });
    parser.add_argument("--debug-mode", { action: "store_true", help: "Sets settings.DEBUG to True." });
    parser.add_argument("-k", { action: "append", dest: "test_name_patterns", help: "Only run test methods and classes that match the pattern or substring. Can be used multiple times. Same as unittest -k option." });
  }

  override async handle(...args: unknown[]): Promise<void> {
    const options = args.pop() as CommandOptions;
    const test_labels = args as string[];
    const TestRunner = get_runner(settings, (options.testrunner as string | null) ?? null) as new (options: DiscoverRunnerOptions) => DiscoverRunner;
    const test_runner = new TestRunner(options as DiscoverRunnerOptions);
    const failures = await test_runner.run_tests(test_labels);
    if (failures) sys_exit(1);
  }
}
