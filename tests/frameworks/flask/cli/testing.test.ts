/**
 * `app.test_cli_runner()` as the Flask tutorial's tests use it (`runner.invoke(args=["init-db"])`):
 * the app's own commands run with the app's context pushed, their output collected; and click's
 * CliRunner on a plain command, exceptions kept in the result.
 */
import { describe, expect, test } from "vitest";
import * as click from "../../../../src/frameworks/click";
import { CliRunner } from "../../../../src/frameworks/click/testing";
import { Flask, current_app } from "../../../../src/frameworks/flask";

function make_app(): { app: Flask; calls: string[] } {
  const app = new Flask("flaskr");
  const calls: string[] = [];
  app.cli.add_command(
    click.command("init-db")(function init_db_command() {
      "Clear the existing data and create new tables.";
      calls.push(`init_db in ${current_app.name}`);
      click.echo("Initialized the database.");
    }),
  );
  app.cli.command("greet")(
    click.argument("name")(function greet({ name }: { name: string }) {
      click.echo(`Hello, ${name} (${current_app.name})`);
    }),
  );
  return { app, calls };
}

describe("FlaskCliRunner", () => {
  test("invoke({ args }) runs a command added with app.cli.command inside the app's context", async () => {
    const { app } = make_app();
    const result = await app.test_cli_runner().invoke({ args: ["greet", "Ada"] });
    expect(result.output).toBe("Hello, Ada (flaskr)\n");
    expect(result.exit_code).toBe(0);
  });

  test("a plain click command added to app.cli has no app context under the runner, as in Flask: RuntimeError, exit code 1", async () => {
    const { app, calls } = make_app();
    const result = await app.test_cli_runner().invoke({ args: ["init-db"] });
    expect(result.output).toBe("");
    expect(result.exit_code).toBe(1);
    expect(String(result.exception).split("\n")[0]).toBe("Working outside of application context.");
    expect(calls).toEqual([]);
  });

  test("a usage error names app.cli by the app's name in the usage line", async () => {
    const { app } = make_app();
    const runner = app.test_cli_runner();
    const missing = await runner.invoke(null, ["greet"]);
    expect(missing.exit_code).toBe(2);
    expect(missing.stderr).toBe("Usage: flaskr greet [OPTIONS] NAME\nTry 'flaskr greet --help' for help.\n\nError: Missing argument 'NAME'.\n");
  });
});

describe("CliRunner", () => {
  test("an exception escaping the callback is kept in the result, exit code 1", async () => {
    const boom = click.command()(function boom() {
      throw new TypeError("no");
    });
    const result = await new CliRunner().invoke(boom, []);
    expect(result.exit_code).toBe(1);
    expect(result.exception).toBeInstanceOf(TypeError);
    await expect(new CliRunner({ catch_exceptions: false }).invoke(boom, [])).rejects.toThrow("no");
  });
});
