/**
 * The `flask` command in the page's Terminal: the Flask tutorial's flaskr, written as the tutorial
 * writes it (flaskr/db.py's `init-db` click command added to `app.cli`), put into a Flask project;
 * `flask --app flaskr init-db` typed in the Terminal prints "Initialized the database." and the
 * command's trace shows the command run in the application's context; `flask --app flaskr routes`
 * prints Flask's table. Screenshots go to /tmp/framework-lab-shots-flask-cli/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test, expect, openLab, openPanel, setFile } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS_FLASK_CLI ?? "/tmp/framework-lab-shots-flask-cli";
const FLASKR = join(import.meta.dirname, "../tests/learner-flask/projects/flaskr/site");

const screen = (page: Page) => page.getByRole("group", { name: "Terminal" }).locator(".xterm-rows");
const status = (page: Page) => page.getByRole("status", { name: "Terminal status" });

function read_tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}

/** `clear`, then a command line typed into the terminal; waits until it is done. */
async function run(page: Page, line: string): Promise<void> {
  for (const text of ["clear", line]) {
    await page.getByRole("group", { name: "Terminal" }).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }
  await expect(status(page)).not.toHaveText("Running…", { timeout: 60_000 });
}

test("the Terminal runs flask --app flaskr init-db on the tutorial's flaskr, and flask routes", async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open Flask: blueprints/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: Flask: blueprints/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  // The tutorial's package joins the project, as a learner adds its files.
  for (const [path, text] of Object.entries(read_tree(FLASKR))) await setFile(page, `flaskr/${path.replace(/^flaskr\//, "")}`, () => text);

  await openPanel(page, "Terminal");
  await expect(screen(page)).toContainText("~/project$", { timeout: 30_000 });
  await expect(screen(page)).toContainText("the project's flask runs in the page's worker");
  await expect(status(page)).toHaveText("Ready: flask <command>");

  await run(page, "flask --app flaskr init-db");
  await expect(screen(page)).toContainText("Initialized the database.");
  const trace = page.getByRole("region", { name: "Command trace" });
  await expect(trace).toContainText("Trace of flask --app flaskr init-db");
  await expect(trace).toContainText("exit status 0");
  for (const step of ["flask init-db", "AppContext.push", "AppContext.pop"]) await expect(trace).toContainText(step);
  await page.screenshot({ path: `${SHOTS}/1-init-db.png` });

  await run(page, "flask --app flaskr routes");
  // The table's last rows (its header has scrolled above the panel's rows).
  await expect(screen(page)).toContainText("auth.register  GET, POST  /auth/register");
  await expect(screen(page)).toContainText("static         GET        /static/<path:filename>");

  await run(page, "flask --app flaskr nope");
  await expect(screen(page)).toContainText("Error: No such command 'nope'.");
  await page.screenshot({ path: `${SHOTS}/2-routes-and-error.png` });
  expect(consoleErrors).toEqual([]);
});
