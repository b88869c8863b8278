/**
 * The playground's state core: one zustand store (no React here), its shape and its initial value.
 * Changes go through the small action modules next to it (files.ts, exchanges.ts, ...); the React
 * binding is state/react.ts.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ErrorInfo, LogEntry, RequestResult, Scenario, SocketResult } from "../../runtime/protocol";
import type { Cookie } from "../http/cookies";
import { emptyDraft, type RequestDraft } from "../http/message";
import type { HttpRequestMessage } from "../../runtime/protocol";
import { defaultPrefs, type Prefs } from "./prefs";
import type { CheckOutcome } from "../../scenarios/client";

/** What started a request: the Send button, a link or form in the preview, a redirect, or a lesson script. */
export type Initiator = "address" | "link" | "form" | "redirect" | "script" | "history" | "fetch";

export type ExchangeOutcome =
  | { kind: "response"; result: RequestResult }
  /** A WebSocket client's step (connect, a frame, a close): its trace and every client's new events. */
  | { kind: "socket"; result: SocketResult }
  | { kind: "deadline"; phase: "load" | "request" }
  | { kind: "failed"; error: ErrorInfo };

/** One request of the session and what came of it. */
export interface Exchange {
  id: number;
  request: HttpRequestMessage;
  initiator: Initiator;
  /** The exchange whose response redirected here. */
  redirectedFrom: number | null;
  /** Wall-clock ms from Send to the answer (load included when files changed). */
  ms: number;
  /** Set when the project was (re)loaded before this request: its trace and result. */
  reload: { ok: boolean; modules: string[]; error?: ErrorInfo } | null;
  outcome: ExchangeOutcome;
  at: number;
  /** settings.MIDDLEWARE as loaded for this request, outermost first (the Flow graph dims the ones never reached). */
  middleware?: string[];
  /** Sent as from a private window (a scripted request's `no_cookies`): no Cookie header, and its Set-Cookie not kept. */
  privateWindow?: boolean;
  /** A WebSocket step: which client did what (`request` is then its upgrade request, or the frame). */
  socket?: { client: string; op: "open" | "send" | "close"; summary: string };
}

/** One line of a WebSocket client's log: what it sent, what the server sent it, and what happened. */
export interface FrameEntry {
  id: number;
  dir: "out" | "in" | "info";
  kind: "connect" | "accept" | "refused" | "text" | "bytes" | "close" | "error";
  text?: string;
  /** Binary frames: their size and the first bytes in hex. */
  size?: number;
  hex?: string;
  code?: number;
  reason?: string;
  /** The step (exchange) whose trace shows it. */
  exchange: number | null;
}

/** A simulated WebSocket client: one the Clients panel opened, or a Preview tab's page's socket. */
export interface SocketClient {
  name: string;
  target: string;
  origin: "panel" | "preview";
  state: "connecting" | "open" | "closed";
  subprotocol: string | null;
  /** Its port in the scope's `client` (how the trace tells connections apart). */
  port: number | null;
  close: { code: number; reason: string } | null;
  log: FrameEntry[];
}

/** A Preview tab pinned beside the response: a page of the site, frozen at one response. */
export interface PreviewTab {
  id: number;
  exchangeId: number;
  target: string;
  html: string;
}

/** `blocked`: the last visit crashed mid-run; `inert`: the project came from someone else. Either way nothing runs until Send. */
export type RuntimeStatus = "idle" | "starting" | "loading" | "ready" | "busy" | "replacing" | "blocked" | "inert";

export interface Notice {
  tone: "info" | "warn" | "error";
  text: string;
  /** A button beside the text: "Use it now" for a downloaded update (offline/register.ts). */
  action?: "use-update";
}

/** `unknown`: storage not opened yet (nothing is shown, so nothing flashes at start). */
export type SaveState = "unknown" | "saved" | "saving" | "unsaved" | "off";

/** How the page is laid out: the full workspace, presenter mode (`?present`) or an embed (`?embed`). */
export type ViewMode = "full" | "presenter" | "embed";

/** Run all: the scripted requests sent in order, and each check's verdict as it arrives. */
export interface RunAllState {
  running: boolean;
  /** The exchange of each scripted request (by index), once sent. */
  exchanges: (number | null)[];
  checks: CheckOutcome[];
  /** Why the run stopped early (a deadline, a failed load), if it did. */
  stopped: string | null;
}

export interface LabState {
  /** The draft being edited: a built-in's id (its edits), or `shared-…` / `file-…` for an opened link or file. */
  scenarioId: string | null;
  /** Built-in drafts the user has edited, and other saved drafts (for the gallery). */
  savedDrafts: { id: string; title: string; origin: "builtin" | "shared" | "file"; updated: number }[];
  /** Whether the edits are in IndexedDB ("off": storage unavailable, e.g. a private window). */
  saveState: SaveState;
  /** Index of the scripted request in the address bar (null: the user typed their own). */
  script: number | null;
  /** The Step panel's position in the selected trace (index into its spans by start time). */
  step: number | null;
  /** The source line the Step panel points at (a decoration in the editor). */
  stepLine: { file: string; line: number } | null;
  /** The framework source the current step ran (presenter mode's read-only viewer). */
  frameworkPlace: { file: string; symbol?: string; line?: number } | null;
  /** A step to show once the first response arrives (a permalink's). */
  pendingStep: number | null;
  /** The open dialog, if any. */
  dialog: "gallery" | "share" | "compare" | null;
  view: ViewMode;
  /** Layout, editor and keyboard preferences (kept in localStorage: state/prefs.ts). */
  prefs: Prefs;
  runAll: RunAllState | null;
  /** A message for screen readers (an aria-live region reads it out): "Tab now moves focus", "Run all: 4 of 4 checks passed". */
  announcement: string;
  /** The built-in scenarios, for the gallery (grouped there by `framework`, the mode's id). */
  scenarios: { id: string; title: string; framework: string; description?: string }[];
  /** The scenario as it was opened (built-in, link or file): what "reset" goes back to. */
  scenario: Scenario | null;
  files: Record<string, string>;
  /** Empty folders the user created (files imply their own folders). */
  folders: string[];
  openTabs: string[];
  activeFile: string | null;
  /** Line to reveal in the editor (a click on a frame or a span source). */
  reveal: { file: string; line: number; nonce: number } | null;
  /** Errors to show as editor markers, by file. */
  markers: Record<string, { line: number; column?: number; message: string }[]>;
  draft: RequestDraft;
  exchanges: Exchange[];
  /** The exchange whose trace the panels show. */
  selected: number | null;
  /** Browser navigation: exchange ids, and where we are in them. */
  nav: { entries: number[]; index: number };
  cookies: Cookie[];
  /** Console output by exchange id (streamed while a request runs). */
  logs: Record<number, LogEntry[]>;
  runtime: RuntimeStatus;
  deadlineMs: number;
  notice: Notice | null;
  activePanel: string;
  responseTab: "preview" | "raw" | "headers" | "cookies";
  theme: "light" | "dark";
  /** Bumped whenever the database may have changed (a load, a request that wrote, a command): the Database panel refreshes. */
  databaseVersion: number;
  /** The simulated WebSocket clients, in the order they were opened (ASGI projects). */
  clients: SocketClient[];
  /** Preview tabs pinned beside the response (each its own page, with its own sockets). */
  previewTabs: PreviewTab[];
}

export type LabStore = StoreApi<LabState>;

export function initialState(): LabState {
  return {
    scenarioId: null,
    savedDrafts: [],
    saveState: "unknown",
    script: null,
    step: null,
    pendingStep: null,
    stepLine: null,
    frameworkPlace: null,
    dialog: null,
    view: "full",
    prefs: defaultPrefs(),
    runAll: null,
    announcement: "",
    scenarios: [],
    scenario: null,
    files: {},
    folders: [],
    openTabs: [],
    activeFile: null,
    reveal: null,
    markers: {},
    draft: emptyDraft(),
    exchanges: [],
    selected: null,
    nav: { entries: [], index: -1 },
    cookies: [],
    logs: {},
    runtime: "idle",
    deadlineMs: 5000,
    notice: null,
    activePanel: "flow",
    responseTab: "preview",
    theme: "light",
    databaseVersion: 0,
    clients: [],
    previewTabs: [],
  };
}

export function createLabStore(state: Partial<LabState> = {}): LabStore {
  return createStore<LabState>()(() => ({ ...initialState(), ...state }));
}
