/**
 * Issue 16 in the page: follow the learning path from project 1 to project 3, pass a milestone by
 * fixing the starter's code and checking, see the checklist update and survive a reload; then
 * open the comparison page (Django, Flask and FastAPI side by side with their traces).
 * Screenshots go to /tmp/framework-lab-shots16/.
 */
import { test, expect, openLab, replaceInEditor } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS16 ?? "/tmp/framework-lab-shots16";

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const bar = (page: Page) => page.getByRole("region", { name: "Course project" });
const milestones = (page: Page) => bar(page).getByRole("list", { name: "Milestones" }).getByRole("listitem");

test("the path from project 1 to 3: a milestone passed by fixing the starter, kept across a reload; the comparison page", async ({ page, consoleErrors }) => {
  test.setTimeout(240_000);
  await openLab(page);

  // The gallery's learning path: ten projects, project 1 opens its exercise.
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  const path = page.getByRole("dialog", { name: "Scenarios" }).getByRole("list", { name: "Course projects" });
  await expect(path.getByRole("listitem")).toHaveCount(10);
  await shot(page, "1-path");
  await path.getByRole("button", { name: /^(Start|Continue) project 1: A WSGI application from scratch$/ }).click();
  await expect(bar(page)).toContainText("Project 1 of 10");
  await expect(bar(page)).toContainText("A WSGI application from scratch");
  await expect(milestones(page)).toHaveCount(4);
  await expect(milestones(page).first()).toHaveAttribute("data-state", "unchecked");
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  await shot(page, "2-project-1");

  // Along the path: 2, then 3.
  await bar(page).getByRole("button", { name: "Next project: A minimal web framework" }).click();
  await expect(bar(page)).toContainText("Project 2 of 10");
  await bar(page).getByRole("button", { name: "Next project: An ORM" }).click();
  await expect(bar(page)).toContainText("Project 3 of 10");
  await expect(bar(page)).toContainText("models define tables");

  // Milestone 1 of project 3: write Post's fields in the starter, then check.
  await replaceInEditor(
    page,
    "blog/models.ts",
    "    //   published — a DateField.",
    '    title: new models.CharField({ max_length: 200 }), author: new models.ForeignKey(Author, { on_delete: models.CASCADE, related_name: "posts" }), published: new models.DateField(),',
  );
  await bar(page).getByRole("button", { name: "Check milestones" }).click();
  await expect(bar(page).getByLabel("Milestones passed")).toHaveText("1/4 ✓", { timeout: 90_000 });
  await expect(milestones(page).nth(0)).toHaveAttribute("data-state", "pass");
  for (const i of [1, 2, 3]) await expect(milestones(page).nth(i)).toHaveAttribute("data-state", "fail");
  await expect(milestones(page).nth(1)).toContainText("TODO (milestone 2): recent_posts()");
  await shot(page, "3-project-3-checked");

  // A reload: the same project, the edit, and the checklist as it was.
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved", { timeout: 15_000 });
  await page.reload();
  await expect(bar(page)).toContainText("Project 3 of 10", { timeout: 30_000 });
  // With its database too when a snapshot was persisted before the reload (library.ts says which).
  await expect(page.getByText(/Your edits to this scenario (and its database )?were restored\./)).toBeVisible();
  await expect(milestones(page).nth(0)).toHaveAttribute("data-state", "pass");
  await expect(milestones(page).nth(1)).toHaveAttribute("data-state", "fail");
  await expect(bar(page).getByLabel("Milestones passed")).toHaveText("1/4 ✓");
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await expect(page.getByLabel("Project 3: 1 of 4 milestones passed")).toBeVisible();
  await shot(page, "4-after-reload");

  // The comparison page: three columns, each answered with its trace.
  await page.getByRole("button", { name: "Compare Django, Flask and FastAPI side by side" }).click();
  const compare = page.getByRole("dialog", { name: "Compare: Django, Flask and FastAPI" });
  for (const name of ["Django", "Flask", "FastAPI"]) {
    await expect(compare.getByLabel(`${name} status`)).toHaveText("→ 200 OK", { timeout: 60_000 });
    await expect(compare.getByRole("region", { name }).getByRole("list", { name: "Trace" }).getByRole("listitem").first()).toBeVisible();
  }
  await compare.getByRole("tab", { name: /the form/ }).first().click();
  await expect(compare.getByLabel("Django status")).toHaveText("→ 302 Found", { timeout: 60_000 });
  await expect(compare.getByLabel("FastAPI status")).toHaveText("→ 201 Created");
  await shot(page, "5-compare");
  expect(consoleErrors).toEqual([]);
});

test("a permalink opens a project at a step: #course/orm/solution", async ({ page }) => {
  await page.goto("/#course/orm/solution");
  await expect(bar(page)).toContainText("Project 3 of 10", { timeout: 30_000 });
  await expect(bar(page)).toContainText("solution");
  await expect(page).toHaveURL(/\/$/);
});
