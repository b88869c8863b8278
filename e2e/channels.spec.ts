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
  await panel(page, /^Clients/);
  // bob closes: his card says so with the close code, and the room goes on without him.
  await bob.getByRole("button", { name: "Close" }).click();
  await expect(bob.locator(".client-state")).toHaveText("closed 1000");
  await expect(bob.locator(".frame-close")).toContainText("close 1000");
  await ann.getByLabel("Message from ann").fill('{"message": "Still there?"}');
  await ann.getByRole("button", { name: "Send" }).click();
  await expect(ann.locator(".frame-in.frame-text")).toHaveCount(2);
  await expect(bob.locator(".frame-in.frame-text")).toHaveCount(1);
  await bob.getByRole("button", { name: "Reconnect" }).click();
  await expect(bob.locator(".client-state")).toHaveText("open");
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

test("the tutorial's chat app as the tutorial teaches: index → room, then the room in two Preview tabs side by side", async ({ page, consoleErrors }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openChat(page);
  // The tutorial's index page: type a room name, press Enter, land on the room.
  await page.getByLabel("Address").fill("/chat/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const main = page.frameLocator('iframe[title="Response preview"]');
  await main.locator("#room-name-input").fill("lobby");
  await main.locator("#room-name-input").press("Enter");
  await expect(page.getByLabel("Address")).toHaveValue("/chat/lobby/");
  await expect(main.locator("#chat-message-input")).toBeVisible();
  // The same room again beside it: a second browser on the chat.
  await page.getByRole("button", { name: "Open in a new tab" }).click();
  const second = page.frameLocator('iframe[title="Preview tab 2"]');
  await expect(second.locator("#chat-message-input")).toBeVisible();
  // Both pages' sockets are clients of the simulated server (named after their tab).
  await panel(page, /^Clients/);
  await expect(page.locator(".client-card.client-open")).toHaveCount(2);
  await second.locator("#chat-message-input").fill("hello from tab 2");
  await second.locator("#chat-message-input").press("Enter");
  await expect(main.locator("#chat-log")).toHaveValue("hello from tab 2\n");
  await expect(second.locator("#chat-log")).toHaveValue("hello from tab 2\n");
  await main.locator("#chat-message-input").fill("hi back from tab 1");
  await main.locator("#chat-message-input").press("Enter");
  await expect(second.locator("#chat-log")).toHaveValue("hello from tab 2\nhi back from tab 1\n");
  await expect(main.locator("#chat-log")).toHaveValue("hello from tab 2\nhi back from tab 1\n");
  await shot(page, "05-two-preview-tabs");
  // The group has the two pages as members.
  await panel(page, /^Channel layer/);
  await expect(page.locator('.group-row[data-group="chat_lobby"]')).toContainText("2 members");
  expect(consoleErrors).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !/^(data|blob|about):/.test(u))).toEqual([]);
  expect(requests.filter((u) => /^wss?:/.test(u))).toEqual([]);
});
