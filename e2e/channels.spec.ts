/**
 * Issue 14 in the page (channels-chat, the course's project 9): two simulated clients connect to
 * the chat, a message from one appears in both logs; the Channel layer panel shows the group
 * with two members and the fan-out; the tutorial's room page in two Preview tabs exchanges a
 * message through the simulated server; nothing leaves the page. Screenshots go to
 * /tmp/framework-lab-shots14/.
 */
import { test, expect, openLab, openPanel } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS14 ?? "/tmp/framework-lab-shots14";

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function openChat(page: Page): Promise<void> {
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open Channels: a chat room/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: Channels: a chat room/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

async function panel(page: Page, name: RegExp) {
  await openPanel(page, name);
}

async function connect(page: Page, name: string) {
  const form = page.getByRole("form", { name: "New WebSocket client" });
  await form.getByLabel("Client name").fill(name);
  await form.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("region", { name: `Client ${name}` }).locator(".client-state")).toHaveText("open");
}

test("channels-chat: two clients chat; the Channel layer shows the group and the fan-out", async ({ page, consoleErrors }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openChat(page);
  await panel(page, /^Clients/);
  await connect(page, "ann");
  await connect(page, "bob");
  const ann = page.getByRole("region", { name: "Client ann" });
  const bob = page.getByRole("region", { name: "Client bob" });
  await ann.getByLabel("Message from ann").fill('{"message": "Hello, bob!"}');
  await ann.getByRole("button", { name: "Send" }).click();
  await expect(ann.locator(".frame-in.frame-text")).toContainText(['"message":"Hello, bob!"']);
  await expect(bob.locator(".frame-in.frame-text")).toContainText(['"message":"Hello, bob!"']);
  await shot(page, "01-clients");
  await panel(page, /^Channel layer/);
  const group = page.locator('.group-row[data-group="chat_lobby"]');
  await expect(group).toContainText("2 members");
  await expect(group.locator(".chip.member")).toHaveText([/ann \(ChatConsumer\)/, /bob \(ChatConsumer\)/]);
  await expect(page.locator(".fan-node.recipient .fan-node-label")).toHaveText(["ann", "bob"]);
  await shot(page, "02-channel-layer");
  await panel(page, /^Connections/);
  await expect(page.getByRole("region", { name: /^ann · WebSocket/ })).toContainText("websocket.accept");
  await shot(page, "03-connections");
  await panel(page, /^Flow/);
  await expect(page.locator('.flow-node[data-node^="consumer:"]').first()).toBeVisible();
  await shot(page, "04-flow");
  expect(consoleErrors).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:") && !u.startsWith("about:"))).toEqual([]);
});
