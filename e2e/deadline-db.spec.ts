/** The deadline with a database: a request that wrote and then looped forever leaves the database as the last completed request left it. */
import { test, expect, openLab, setFile } from "./fixtures";

const VIEWS = `
import { connection } from "django/db";
export function db_write(request) {
  const cursor = connection.cursor();
  cursor.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)");
  cursor.execute("INSERT INTO note VALUES ('kept')");
  return new HttpResponse("written");
}
export function db_loop(request) {
  connection.cursor().execute("INSERT INTO note VALUES ('lost')");
  while (true) {}
}
export function db_count(request) {
  const cursor = connection.cursor();
  cursor.execute("SELECT count(*) FROM note");
  return new HttpResponse("rows: " + cursor.fetchone()[0]);
}
`;

test("an infinite loop after a write: the deadline restarts the runtime and the database is as it was", async ({ page, consoleErrors }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t + VIEWS);
  await setFile(page, "hello/urls.ts", (t) => t.replace("export const urlpatterns = [", 'export const urlpatterns = [\n  path("db/write/", views.db_write),\n  path("db/loop/", views.db_loop),\n  path("db/count/", views.db_count),'));
  const send = async (target: string) => {
    await page.getByLabel("Address").fill(target);
    await page.getByRole("button", { name: "Send" }).click();
  };
  await send("/hello/db/write/");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByRole("tab", { name: "Raw" }).click();
  await expect(page.locator(".raw")).toHaveText("written");
  // A short deadline only for the loop (the machine may be slow for the other requests).
  await page.getByLabel("Deadline").selectOption("2000");
  await send("/hello/db/loop/");
  await expect(page.getByLabel("Response status")).toHaveText("Timed out", { timeout: 15_000 });
  await expect(page.locator(".notice[role=alert]")).toContainText("Files and database are as they were after the last completed request");
  await page.getByLabel("Deadline").selectOption("10000");
  await send("/hello/db/count/");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByRole("tab", { name: "Raw" }).click();
  await expect(page.locator(".raw")).toHaveText("rows: 1");
  expect(consoleErrors).toEqual([]);
});
