/**
 * Course project 4, "Signals": a custom signal with receivers for any sender and for one sender,
 * held by weak reference, then the ORM's pre_save/post_save on the signals-accounts project.
 * "A receiver with a sender filter is not called" is checked on the trace: the dispatcher records
 * it as a receiver event with `filtered_out: true`.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { signals_accounts } from "../../scenarios/signals-accounts";
import { starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  dispatch: "basic dispatch works",
  sender: "sender filtering works",
  weak: "weak references prevent leaks",
  orm: "integrated with the ORM",
} as const;

const CUSTOM_HEAD = `// accounts/custom.ts — a signal of your own, and its receivers.
import { Signal } from "django/dispatch";
import { Member } from "./models";

/** Sent when the site greets someone (Python: \`greeted = Signal()\`). */
export const greeted = new Signal();

/** Every receiver is \`function (sender, kwargs)\`; what it returns is its response in send()'s list. */
export function shout(sender, { name }) {
  return \`\${name.toUpperCase()}!\`;
}

export function whisper(sender, { name }) {
  return \`(\${name.toLowerCase()})\`;
}
`;

const CONNECT = `
/** Connect the receivers to \`signal\`. The checks call it with fresh signals, twice (a module imported twice). */
export function connect_receivers(signal) {
  signal.connect(shout);                          // any sender (sender None); weak by default
  signal.connect(whisper, { sender: Member });    // only when Member is the sender
}
`;

const CONNECT_TODO = `
/** Connect the receivers to \`signal\`. The checks call it with fresh signals, twice (a module imported twice). */
export function connect_receivers(signal) {
  // TODO (milestone 1): connect shout so it answers every send(), whatever the sender.
  // TODO (milestone 2): connect whisper for one sender only, Member: send("someone else") must skip it.
  // TODO (milestone 3): keep Django's default, weak references: a receiver held strongly (weak: false)
  // lives as long as the signal does, and so does everything its closure holds.
}
`;

const MILESTONES = `// accounts/milestones.ts — what the course's checks call (do not edit: edit custom.ts and apps.ts).
import { Signal } from "django/dispatch";
import { Member } from "./models";
import { connect_receivers } from "./custom";

/** Some sender other than Member. */
class Guest {}

const answers = (responses) => responses.map(([receiver, response]) => \`\${receiver.name} → \${response}\`).join("; ") || "no receiver answered";

/** Milestone 1: send() calls every connected receiver and collects what they return. */
export function dispatch() {
  const signal = new Signal();
  connect_receivers(signal);
  return answers(signal.send(Member, { name: "Ada" }));
}

/** Milestone 2: a receiver connected for Member is not called for another sender. */
export function sender_filter() {
  const signal = new Signal();
  connect_receivers(signal);
  return answers(signal.send(Guest, { name: "Grace" }));
}

/** Milestone 3: the signal holds its receivers weakly, and connecting twice adds nothing. */
export function weak_references() {
  const signal = new Signal();
  connect_receivers(signal);
  connect_receivers(signal);
  const weak = signal.receivers.filter((entry) => typeof entry.receiver !== "function").length;
  return \`\${signal.receivers.length} receivers, \${weak} held by weak reference\`;
}
`;

const APPS = `// accounts/apps.ts — ready() runs once, after every app is loaded: the place to connect receivers.
import { AppConfig } from "django/apps";
import { receiver } from "django/dispatch";
import { models } from "django/db";
import { user_logged_in } from "django/contrib/auth/signals";
import { hash_password, log_login, send_welcome } from "./signals";

const { pre_save, post_save } = models.signals;   // Python: from django.db.models.signals import …

export class AccountsConfig extends AppConfig {
  name = "accounts";

  ready() {
    const Member = this.get_model("Member");
    receiver(pre_save, { sender: Member })(hash_password);
    post_save.connect(send_welcome, { sender: Member, dispatch_uid: "accounts.send_welcome" });
    user_logged_in.connect(log_login, { sender: Member, dispatch_uid: "accounts.log_login" });
  }
}
`;

const APPS_TODO = `// accounts/apps.ts — ready() runs once, after every app is loaded: the place to connect receivers.
import { AppConfig } from "django/apps";
import { receiver } from "django/dispatch";
import { models } from "django/db";
import { user_logged_in } from "django/contrib/auth/signals";
import { hash_password, log_login, send_welcome } from "./signals";

const { pre_save, post_save } = models.signals;   // Python: from django.db.models.signals import …

export class AccountsConfig extends AppConfig {
  name = "accounts";

  ready() {
    const Member = this.get_model("Member");
    // TODO (milestone 4): let the ORM call your receivers (see signals.ts):
    //   hash_password on pre_save, for Member (before the INSERT: the hash is what gets stored);
    //   send_welcome on post_save, for Member, with a dispatch_uid.
    user_logged_in.connect(log_login, { sender: Member, dispatch_uid: "accounts.log_login" });
  }
}
`;

const base = signals_accounts;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 4 — signals",
  framework: "django",
  entry: base.entry,
  description: "A signal of your own with receivers for any sender and for one sender, held weakly; then pre_save and post_save sent by the ORM.",
  files: { ...base.files, "accounts/apps.ts": APPS, "accounts/custom.ts": CUSTOM_HEAD + CONNECT, "accounts/milestones.ts": MILESTONES },
  setup: base.setup,
  requests: [
    { method: "POST", target: "/signup/", form: { username: "grace", email: "grace@example.com", password: "cobol1959" }, note: "save(): pre_save → hash_password, the INSERT, post_save → send_welcome." },
    { method: "GET", target: "/outbox/", note: "the password stored as a hash, and the welcome message." },
  ],
  script: [
    { call: "accounts.milestones.dispatch", note: "greeted.send(Member): both receivers answer" },
    { call: "accounts.milestones.sender_filter", note: "greeted.send(Guest): whisper is filtered out" },
    { call: "accounts.milestones.weak_references", note: "two receivers, held weakly, connected once" },
  ],
  checks: [
    { script: 0, output: "shout → ADA!; whisper → (ada)", trace: [{ kind: "receiver", name: "shout" }, { kind: "receiver", name: "whisper" }], label: M.dispatch },
    { script: 1, output: "shout → GRACE!", trace: [{ kind: "receiver", name: "whisper", attrs: { filtered_out: true } }], label: M.sender },
    { script: 2, output: "2 receivers, 2 held by weak reference", label: M.weak },
    {
      request: 0,
      status: 302,
      label: M.orm,
      trace: [
        { kind: "signal", name: "pre_save" },
        { kind: "receiver", name: "hash_password" },
        { kind: "signal", name: "post_save" },
        { kind: "receiver", name: "send_welcome" },
      ],
    },
    { request: 1, status: 200, body_contains: "Welcome to the lab, grace!", label: M.orm },
    { request: 1, body_contains: "pbkdf2_sha256$1000$", label: M.orm },
  ],
};

export const project_signals: CourseProject = {
  number: 4,
  id: "signals",
  title: "Signals",
  summary: "a dispatcher's connect and send, sender filtering, weak references, and the ORM's pre_save/post_save",
  based_on: "signals-accounts",
  lesson: [
    "## What you build",
    "Receivers for a signal of your own (`greeted`), one for every sender and one for `Member` only; then the two receivers that make sign-up work: `hash_password` on `pre_save` and `send_welcome` on `post_save`.",
    "",
    "## Why",
    "Signals let one app react to another without either importing the other: the ORM does not know your outbox exists, yet every `save()` reaches it. The price is indirection — the Signals panel and the trace show exactly which receivers ran, which were filtered out by sender, and why.",
    "",
    "## The core challenges",
    "- **Dispatch to all receivers**: `send()` calls each receiver connected for this sender (or for any, `sender: null`) and returns `[receiver, response]` pairs.",
    "- **Targeted senders**: `connect(whisper, {sender: Member})` — for any other sender, whisper is not called (the trace records it as *filtered out*).",
    "- **Weak references**: by default a signal holds a receiver through a `WeakRef`, so connecting does not keep a function (and its closure) alive forever; `dispatch_uid` or identity makes a second connect a no-op.",
    "- **Integration**: the ORM sends `pre_save` before the INSERT (change the instance there and the change is stored) and `post_save` after, with `created`.",
    "",
    "## Passing the milestones",
    "Write `connect_receivers` in `accounts/custom.ts` and the two connections in `ready()` (`accounts/apps.ts`).",
  ].join("\n"),
  milestones: [
    { title: M.dispatch, how: "greeted.send(Member, {name: \"Ada\"}) returns shout → ADA! and whisper → (ada), with a receiver span for each" },
    { title: M.sender, how: "greeted.send(Guest) returns only shout's answer, and the trace records whisper as a receiver filtered out by sender" },
    { title: M.weak, how: "connect_receivers run twice on a fresh signal leaves 2 receivers, both held by weak reference" },
    { title: M.orm, how: "POST /signup/ runs pre_save → hash_password and post_save → send_welcome (trace), and /outbox/ shows the welcome and a pbkdf2_sha256 hash" },
  ],
  solution,
  starter: starter_of(solution, { "accounts/apps.ts": APPS_TODO, "accounts/custom.ts": CUSTOM_HEAD + CONNECT_TODO }, "Project 4 — signals (starter)"),
};
