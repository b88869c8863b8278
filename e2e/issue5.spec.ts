/**
 * Issue 5 in the page (blog-cbv, the seed's project 6): the list paginates in the Preview, the
 * create form shows field errors then saves and redirects, and the Templates, Forms and
 * Class-based view panels show the template chain, each field's cleaning and the view methods
 * that ran. Screenshots go to /tmp/framework-lab-shots5/.
 */
import { test, expect, openLab, openPanel } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS5 = process.env.E2E_SCREENSHOTS5 ?? "/tmp/framework-lab-shots5";
const preview = 'iframe[title="Response preview"]';

async function shot5(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS5}/${name}.png` });
}

async function openBlogCbv(page: Page): Promise<void> {
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open Class-based views/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: Class-based views/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

async function go(page: Page, target: string): Promise<void> {
  await page.getByLabel("Address").fill(target);
  await page.getByRole("button", { name: "Send" }).click();
}

test("blog-cbv: the list paginates in the Preview; the Class-based view panel shows the MRO and the methods that ran", async ({ page, consoleErrors }) => {
  await openBlogCbv(page);
  await go(page, "/posts/");
  const frame = page.frameLocator(preview);
  await expect(frame.locator(".pagination span")).toHaveText("Page 1 of 3");
  await frame.getByRole("link", { name: "next" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/posts/?page=2");
  await expect(frame.locator(".pagination span")).toHaveText("Page 2 of 3");
  await expect(frame.getByRole("link", { name: "previous" })).toBeVisible();
  await shot5(page, "01-list-page-2");

  await openPanel(page, /^Class-based view/);
  const mro = page.getByRole("list", { name: "Method resolution order" });
  await expect(mro.locator("li")).toHaveCount(9);
  await expect(mro.locator("li").first()).toContainText("PostListView");
  await expect(mro.locator("li").nth(5)).toContainText("MultipleObjectMixin");
  const calls = page.getByRole("list", { name: "Methods that ran" });
  await expect(calls).toContainText("BaseListView.get()");
  await expect(calls.locator("li.super-hop", { hasText: "MultipleObjectMixin.get_queryset()" })).toHaveCount(1);
  await expect(calls.locator("li.super-hop", { hasText: "ContextMixin.get_context_data()" })).toHaveCount(1);
  await shot5(page, "02-cbv-panel");

  await openPanel(page, /^Templates/);
  const list = page.getByRole("listitem", { name: "Template blog/post_list.html" });
  await expect(list).toContainText("rendered by the view");
  await expect(list).toContainText("extends blog/base.html");
  await expect(page.getByRole("listitem", { name: "Template blog/base.html" })).toContainText("parent of blog/post_list.html");
  await expect(page.getByRole("listitem", { name: "Template blog/_post.html" })).toHaveCount(5);
  await page.getByRole("listitem", { name: "Template blog/base.html" }).getByText("Variables resolved").click();
  await expect(page.getByRole("listitem", { name: "Template blog/base.html" })).toContainText("page_obj.number");
  await shot5(page, "03-templates-panel");
  expect(consoleErrors).toEqual([]);
});

test("blog-cbv: the create form shows field errors, then saves and redirects to the list; the Forms panel shows each field's cleaning", async ({ page, consoleErrors }) => {
  await openBlogCbv(page);
  await go(page, "/posts/new/");
  const frame = page.frameLocator(preview);
  await frame.getByRole("button", { name: "Save" }).click();
  await expect(frame.locator(".errorlist").first()).toHaveText("This field is required.");
  await expect(frame.locator(".errorlist")).toHaveCount(3);

  await openPanel(page, /^Forms/);
  const form = page.getByRole("region", { name: "Form PostForm" });
  await expect(form).toContainText("invalid");
  await expect(form.locator("tr", { hasText: "title" })).toContainText("raised by validate");
  await expect(form.getByLabel("Cleaning steps of title").locator(".form-step.raised")).toHaveText("validate");
  await shot5(page, "04-forms-panel-errors");

  await frame.locator("input[name=title]").fill("SHOUTING");
  await frame.locator("select[name=category]").selectOption({ label: "Python" });
  await frame.locator("textarea[name=body]").fill("Loud.");
  await frame.getByRole("button", { name: "Save" }).click();
  // Wait for the new response: the previous page (three field errors) is still shown until it lands.
  await expect(frame.locator(".errorlist")).toHaveCount(1);
  await expect(frame.locator(".errorlist")).toHaveText("Please don't shout in titles.");
  await expect(form.locator("tr", { hasText: "title" })).toContainText("raised by clean_title");
  await expect(form.locator("tr", { hasText: "category" })).toContainText("<Category: Python>");
  await shot5(page, "05-forms-panel-clean-title");

  await frame.locator("input[name=title]").fill("Written in the page");
  await frame.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/posts/");
  await expect(frame.locator("li").first()).toContainText("Written in the page");
  await shot5(page, "06-redirected-list");

  expect(consoleErrors).toEqual([]);
});

test("templates-api: edit a template in the Templates panel and re-render it with the captured context", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open Templates and a JSON API/ }).click();
  // The scenario open (its project load begun) before Ready counts: the Ready of the previous
  // scenario let a Send go out before the load replaced the address (CI saw "5 books" once).
  await expect(page.getByRole("button", { name: /^Scenarios \(open: Templates and a JSON API/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  await go(page, "/books/fluent-python/");
  await expect(page.frameLocator(preview).locator("h1")).toHaveText("Fluent Python");
  await openPanel(page, /^Templates/);
  const card = page.getByRole("listitem", { name: "Template shelf/book_detail.html" });
  await card.getByRole("button", { name: "Edit & re-render" }).click();
  const source = card.getByLabel("Source of shelf/templates/shelf/book_detail.html");
  await source.fill((await source.inputValue()).replace("<h1>{{ book.title|title }}</h1>", "<h1>{{ book.title|upper }} ({{ book.authors|length }} author)</h1>"));
  await card.getByRole("button", { name: "Re-render" }).click();
  const out = card.getByRole("region", { name: "Re-rendered output" });
  await expect(out.frameLocator("iframe").locator("h1")).toHaveText("FLUENT PYTHON (1 author)");
  // base.html's footer shows `path`, from the context processor's layer of the captured context.
  await expect(out.frameLocator("iframe").locator("footer")).toHaveText("/books/fluent-python/");
  await shot5(page, "07-templates-rerender");
  expect(consoleErrors).toEqual([]);
});
