/**
 * The session: what the user does in the browser pane → calls on the runtime client → exchanges
 * in the store. It reloads the project when files changed, carries the cookie jar, follows
 * redirects (each hop is its own exchange), keeps back/forward history, and guards against crash
 * loops. Main class: `Session`.
 */
import { RuntimeClient, type Outcome, type RejectedMessage, type RequestResult, type RuntimeClientOptions } from "../runtime/client";
import type { CommandResult, ExplainResult, HttpRequestMessage, LoadInput, LogEntry, ManagementCommand, Scenario, SelectResult, SocketAction, SocketEvent, SocketResult, TablesResult, WebSocketServerEvent } from "../runtime/protocol";
import type { ScenarioRequest } from "../scenarios/format";
import type { ClassAnatomyResult, RenderTemplateResult } from "../runtime/protocol";
import { cookieHeaderFor, storeSetCookies } from "./http/cookies";
import { draftToMessage, header, HOST_HEADER, ORIGIN, resolveLocation, emptyDraft, type RequestDraft } from "./http/message";
import { CrashGuard } from "./crash-guard";
import { first_file, mode_descriptor } from "../modes/descriptors";
import { markersFromError, markersFromTrace } from "./markers";
import type { Exchange, ExchangeOutcome, FrameEntry, Initiator, LabState, LabStore, SocketClient } from "./state/store";
import { entryOf, hex, upgradeRequest } from "./http/websocket";
import { meets, run_checks, type CheckOutcome, type Replay, type ReplayStep } from "../scenarios/client";
import type { SocketExpectation } from "../scenarios/format";

/** How one navigation is made: from a private window (no cookies sent or kept), following redirects or not. */
export interface NavigateOptions {
  privateWindow?: boolean;
  /** Follow 3xx responses as a browser does (default); Run all sends each scripted request once, as the CLI's replay. */
  followRedirects?: boolean;
}

const MAX_REDIRECTS = 20;
/**
 * The Preview may navigate by itself (a script submitting a form, a link clicked by code) this many
 * times in a row; the next one is refused until the learner clicks in the Preview or presses Send.
 * A page that submits a form on load would otherwise loop without end.
 */
export const MAX_AUTOMATIC_NAVIGATIONS = 5;

export interface OpenOptions {
  /** A saved draft's files instead of the scenario's. */
  files?: Record<string, string>;
  folders?: string[];
  /** The scripted request to put in the address bar (default: the first). */
  request?: number | null;
  /** The trace step to show once the first response arrives (a permalink's). */
  pendingStep?: number | null;
  /**
   * Code from someone else (a shared link, a scenario file, a draft made from one): run nothing —
   * no preload — until the learner presses Send.
   */
  inert?: boolean;
  /** The draft's saved database image: the first load starts from it instead of the setup steps. */
  database?: Uint8Array | null;
}

/** A scenario's scripted request → the address bar's draft. */
export function draftFromScripted(request: ScenarioRequest): RequestDraft {
  const draft: RequestDraft = emptyDraft(request.target);
  draft.method = request.method;
  draft.headers = (request.headers ?? []).map(([name, value]) => ({ name, value, enabled: true }));
  if (request.form) {
    draft.bodyMode = "form";
    draft.form = Object.entries(request.form).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value, enabled: true })));
  } else if (request.body !== undefined) {
    draft.bodyMode = "raw";
    draft.raw = request.body;
  }
  return draft;
}

export class Session {
  private client: RuntimeClient | null = null;
  /** The files the runtime has loaded (compared by value before each request). */
  private loadedFiles: Record<string, string> | null = null;
  private streamed: LogEntry[] = [];
  /** Start the next load from a fresh database (a scenario just opened, or "Reset database"), running its setup steps. */
  private freshDatabase = true;
  /** settings.MIDDLEWARE of the last successful load, outermost first (the Flow graph dims those a request never reached). */
  private middleware: string[] = [];
  private nextExchangeId = 1;
  /** The saved database image the next fresh load starts from (a reopened draft's rows). */
  private savedDatabase: Uint8Array | null = null;
  /** The database image last handed to `onDatabaseSnapshot` (each new one is persisted once). */
  private persistedSnapshot: Uint8Array | null = null;
  private rejected = 0;
  /** Whether the current runtime has had a project's files loaded into it (then it is not fresh any more). */
  private clientHasProject = false;
  /** Preview navigations in a row that no user action started (session-wide: a new page does not reset it). */
  private automaticNavigations = 0;
  private nextFrameId = 1;
  /** Where a client's server events also go (a Preview tab's page, for its own sockets). */
  private readonly sinks = new Map<string, (event: WebSocketServerEvent) => void>();
  readonly guard = new CrashGuard();
  /**
   * Called with the draft id and its database image after each call that changed the database (the
   * library persists it beside the draft), or with null when the database was reset.
   */
  onDatabaseSnapshot: ((draftId: string, image: Uint8Array | null) => void) | null = null;

  /** `createClient`: the runtime client (tests give one whose worker runs in-process). */
  constructor(
    readonly store: LabStore,
    private readonly createClient: (options: RuntimeClientOptions) => RuntimeClient = (options) => new RuntimeClient(options),
  ) {}

  /** Start the runtime, unless the last visit left a run unfinished (then wait for the user). */
  start(): void {
    const unfinished = this.guard.unfinished();
    if (unfinished) {
      this.store.setState({
        runtime: "blocked",
        notice: { tone: "warn", text: `The last visit stopped during ${unfinished.what} (the page closed or crashed before it finished). Nothing has been run this time. Press Send when the code is fixed.` },
      });
      this.guard.clear();
      return;
    }
    this.ensureClient();
  }

  private ensureClient(): RuntimeClient {
    if (this.client) return this.client;
    // Set once constructed: the constructor already reports "starting".
    let client: RuntimeClient | null = null;
    client = this.createClient({
      deadlineMs: this.store.getState().deadlineMs,
      onLog: (entry) => this.streamed.push(entry),
      onStatus: (status) => {
        if (client && client !== this.client) return;
        const current = this.store.getState().runtime;
        // A worker starting up in the background does not end "nothing runs until Send".
        if ((current === "inert" || current === "blocked") && (status === "starting" || status === "ready")) return;
        if (status === "replacing" || current !== "replacing" || status === "ready") this.store.setState({ runtime: status });
      },
      onRejected: (rejected) => this.reportRejected(rejected),
    });
    this.client = client;
    return client;
  }

  /** A fresh runtime (a new worker) for the next project: nothing of the last one's code or files survives. */
  private freshRuntime(): void {
    this.persistedSnapshot = null;
    // A runtime no project was ever loaded into is still fresh (the one started with the page).
    if (!this.clientHasProject) return;
    this.client?.dispose();
    this.client = null;
    this.clientHasProject = false;
  }

  /** The runtime sent something the client refused: say so (coalesced), never render it. */
  private reportRejected(rejected: RejectedMessage): void {
    this.rejected++;
    const more = this.rejected > 1 ? ` (${this.rejected} dropped so far)` : "";
    this.store.setState({ notice: { tone: "warn", text: `${rejected.reason}${more} Nothing from it was shown.` } });
  }

  /** Persist the database image of the open draft (after a call that changed it). */
  private persistSnapshot(): void {
    const image = this.client?.databaseSnapshot ?? null;
    const id = this.store.getState().scenarioId;
    if (!image || image === this.persistedSnapshot || !id) return;
    this.persistedSnapshot = image;
    this.onDatabaseSnapshot?.(id, image);
  }

  setDeadline(ms: number): void {
    this.store.setState({ deadlineMs: ms });
    if (this.client) this.client.deadlineMs = ms;
  }

  /**
   * Open a scenario: its files (or a saved draft's), a scripted request in the address bar (the
   * first unless told), a fresh jar and history.
   */
  openScenario(id: string, scenario: Scenario, options: OpenOptions = {}): void {
    const files = options.files ?? scenario.files;
    const request = options.request ?? (scenario.requests.length ? 0 : null);
    const paths = Object.keys(files);
    const firstFile = first_file(mode_descriptor(scenario.framework), paths);
    this.store.setState({
      scenarioId: id,
      scenario,
      files: { ...files },
      folders: options.folders ?? [],
      openTabs: firstFile ? [firstFile] : [],
      activeFile: firstFile,
      markers: {},
      draft: request !== null && scenario.requests[request] ? draftFromScripted(scenario.requests[request]) : emptyDraft("/"),
      script: request,
      step: null,
      pendingStep: options.pendingStep ?? null,
      exchanges: [],
      selected: null,
      nav: { entries: [], index: -1 },
      cookies: [],
      logs: {},
      clients: [],
      previewTabs: [],
    });
    this.sinks.clear();
    this.loadedFiles = null;
    this.freshDatabase = true;
    this.savedDatabase = options.database ?? null;
    this.freshRuntime();
    const runtime = this.store.getState().runtime;
    if (runtime === "blocked") return;
    if (options.inert) {
      this.store.setState({ runtime: "inert" });
      return;
    }
    if (runtime === "inert") this.store.setState({ runtime: "idle" });
    void this.preload();
  }

  /** Put one of the scenario's scripted requests in the address bar. */
  selectScript(index: number): void {
    const request = this.store.getState().scenario?.requests[index];
    if (request) this.store.setState({ draft: draftFromScripted(request), script: index });
  }

  /** Load the project ahead of the first Send, so the first response is quick. */
  private async preload(): Promise<void> {
    const { files } = this.store.getState();
    await this.reloadIfChanged(files);
  }

  private loadInput(files: Record<string, string>): LoadInput {
    const scenario = this.store.getState().scenario;
    if (!scenario) throw new Error("No scenario is open.");
    return { files, entry: scenario.entry, ...(scenario.setup ? { setup: scenario.setup } : {}) };
  }

  /**
   * Reload the project when the editor's files differ from what the runtime has. The database is
   * kept across code edits (as Django's dev server keeps db.sqlite3 when it reloads); only opening a
   * scenario or "Reset database" starts a fresh one with the scenario's setup (migrate, seed).
   */
  private async reloadIfChanged(files: Record<string, string>): Promise<Exchange["reload"] | "deadline"> {
    if (this.loadedFiles && sameFiles(this.loadedFiles, files)) return null;
    const client = this.ensureClient();
    this.store.setState({ runtime: "loading" });
    const keepDatabase = !this.freshDatabase;
    const database = this.freshDatabase ? (this.savedDatabase ?? undefined) : undefined;
    this.clientHasProject = true;
    performance.mark("lab:load-start");
    const outcome = await this.guard.around("the project load", () => client.load(this.loadInput(files), { keepDatabase, database }));
    performance.mark("lab:load-done");
    this.bumpDatabase();
    // A new project (or a replaced runtime) has none of the old connections: the server went away.
    this.dropClients(1001, "the project was reloaded");
    if (outcome.kind === "deadline") {
      this.loadedFiles = null;
      return "deadline";
    }
    if (outcome.kind === "failed") {
      this.loadedFiles = null;
      this.store.setState({ markers: markersFromError(outcome.error) });
      return { ok: false, modules: [], error: outcome.error };
    }
    this.loadedFiles = files;
    const result = outcome.value;
    // Setup only runs after a successful load: until one succeeds, the next load starts fresh again.
    if (result.ok) {
      this.freshDatabase = false;
      this.savedDatabase = null;
    }
    this.middleware = result.middleware ?? [];
    this.store.setState({ markers: result.ok ? {} : markersFromError(result.error) });
    return result.ok ? { ok: true, modules: result.modules } : { ok: false, modules: [], error: result.error };
  }

  /**
   * Send the address bar's request (the Send button, Ctrl+Enter). A scripted request marked
   * `no_cookies` goes as from a private window, exactly as the CLI's replay sends it: without the
   * jar's cookies, and what it sets is not kept.
   */
  async sendDraft(): Promise<void> {
    this.automaticNavigations = 0;
    const state = this.store.getState();
    if (state.runtime === "blocked" || state.runtime === "inert") this.store.setState({ runtime: "idle", notice: null });
    const privateWindow = this.scriptedIsPrivate();
    const cookie = privateWindow ? null : cookieHeaderFor(state.cookies, state.draft.target, ORIGIN.scheme, Date.now());
    await this.navigate(draftToMessage(state.draft, cookie), "address", { privateWindow });
  }

  /** Whether the address bar holds a scripted request marked `no_cookies` (a private window). */
  scriptedIsPrivate(): boolean {
    const { script, scenario } = this.store.getState();
    return script !== null && scenario?.requests[script]?.no_cookies === true;
  }

  /**
   * Run all: the scenario's scripted requests in order, from a fresh database, an empty cookie jar
   * and no WebSocket clients, each sent once (no redirect followed) — what `npm run lab -- replay`
   * does — then the scenario's checks on what came back. A scenario with a `script` (WebSocket
   * clients, Channels) runs the requests the script does not name first, then the script's steps;
   * its `expect` steps are checked against each client's received frames. Stops at a request that
   * got no response (a deadline, a project that does not load): its checks and the later ones fail
   * as "not run".
   */
  async runAll(): Promise<CheckOutcome[]> {
    const scenario = this.store.getState().scenario;
    if (!scenario) return [];
    const exchanges: (number | null)[] = scenario.requests.map(() => null);
    const update = (patch: Partial<NonNullable<LabState["runAll"]>>) => {
      const current = this.store.getState().runAll ?? { running: true, exchanges, checks: [], stopped: null };
      this.store.setState({ runAll: { ...current, ...patch } });
    };
    this.store.setState({ runAll: { running: true, exchanges: [...exchanges], checks: [], stopped: null }, cookies: [], clients: [], announcement: `Run all: sending ${scenario.requests.length} requests.` });
    this.automaticNavigations = 0;
    const runtime = this.store.getState().runtime;
    if (runtime === "blocked" || runtime === "inert") this.store.setState({ runtime: "idle", notice: null });
    await this.resetDatabase();
    const replay: Replay = { requests: [], script: [] };
    let stopped: string | null = null;
    const send = async (index: number): Promise<ReplayStep | null> => {
      this.selectScript(index);
      await this.sendDraftOnce();
      const exchange = this.currentExchange();
      exchanges[index] = exchange?.id ?? null;
      update({ exchanges: [...exchanges] });
      if (!exchange || exchange.outcome.kind !== "response") {
        stopped = `Request ${index + 1} got no response (${exchange?.outcome.kind === "deadline" ? "stopped at the deadline" : "the project failed"}), so the run stopped there.`;
        return null;
      }
      const step: ReplayStep = { request: exchange.request, result: exchange.outcome.result, index };
      replay.requests.push(step);
      return step;
    };
    const script = scenario.script ?? [];
    const named = new Set(script.flatMap((step) => ("request" in step ? [step.request] : [])));
    for (let i = 0; i < scenario.requests.length && !stopped; i++) if (!named.has(i)) await send(i);
    const read = new Map<string, number>();
    for (const [index, step] of script.entries()) {
      if (stopped) break;
      if ("request" in step) {
        const ran = await send(step.request);
        if (ran) replay.script.push({ index, step, request: ran });
        continue;
      }
      if ("expect" in step) replay.script.push({ index, step, expectation: this.noteExpectation(step.client, step.expect, read) });
      else if ("connect" in step) await this.openClient(step.client, step.connect, { subprotocols: step.subprotocols ?? [], private: step.no_cookies ?? false });
      else if ("send" in step) await this.sendFrame(step.client, { text: step.send });
      else if ("send_json" in step) await this.sendFrame(step.client, { text: JSON.stringify(step.send_json) });
      else if ("send_bytes" in step) await this.sendFrame(step.client, { bytes: Uint8Array.from(atob(step.send_bytes), (c) => c.charCodeAt(0)) });
      else if ("close" in step) await this.closeClient(step.client, step.close, step.reason ?? "");
      if (!("expect" in step)) replay.script.push({ index, step });
    }
    const checks = run_checks(scenario.checks ?? [], replay);
    const passed = checks.filter((c) => c.passed).length;
    update({ running: false, checks, stopped });
    this.store.setState({ announcement: `Run all finished: ${passed} of ${checks.length} checks passed.` });
    return checks;
  }

  /** The address bar's scripted request, once: no redirect followed (Run all). */
  private sendDraftOnce(): Promise<void> {
    const state = this.store.getState();
    const privateWindow = this.scriptedIsPrivate();
    const cookie = privateWindow ? null : cookieHeaderFor(state.cookies, state.draft.target, ORIGIN.scheme, Date.now());
    return this.navigate(draftToMessage(state.draft, cookie), "script", { privateWindow, followRedirects: false });
  }

  /**
   * A link click or form submission from the preview (already validated by the bridge). `user`:
   * a user action started it; navigations nobody asked for are braked after MAX_AUTOMATIC_NAVIGATIONS.
   */
  followFromPreview(method: string, target: string, body: string, contentType: string | null, initiator: "link" | "form", user = true): Promise<void> {
    if (user) this.automaticNavigations = 0;
    else if (++this.automaticNavigations > MAX_AUTOMATIC_NAVIGATIONS) {
      if (this.automaticNavigations === MAX_AUTOMATIC_NAVIGATIONS + 1)
        this.store.setState({
          notice: {
            tone: "warn",
            text: `The page in the Preview kept navigating by itself (${MAX_AUTOMATIC_NAVIGATIONS} requests in a row that no click started, e.g. a form submitted by a script on load), so it was stopped before it could loop. Click a link in the Preview or press Send to go on.`,
          },
        });
      return Promise.resolve();
    }
    const cookie = cookieHeaderFor(this.store.getState().cookies, target, ORIGIN.scheme, Date.now());
    const headers: [string, string][] = [["Host", HOST_HEADER]];
    if (contentType) headers.push(["Content-Type", contentType]);
    if (cookie) headers.push(["Cookie", cookie]);
    const current = this.currentExchange();
    if (current) headers.push(["Referer", `${ORIGIN.scheme}://${HOST_HEADER}${current.request.target}`]);
    const draft = { ...this.store.getState().draft, method, target };
    this.store.setState({ draft, script: null });
    return this.navigate({ method, target, headers, body, scheme: ORIGIN.scheme, server_name: ORIGIN.host, server_port: ORIGIN.port, remote_addr: "127.0.0.1" }, initiator);
  }

  /**
   * A `fetch()` made by the page in the Preview (a docs page loading `/openapi.json`, Swagger UI's
   * "Try it out"): sent through the simulated server like any request, and listed in the History
   * with its trace, but the page stays where it is (a browser's page does not navigate for it).
   */
  async fetchFromPreview(method: string, target: string, headers: [string, string][], body: string): Promise<{ status: number; statusText: string; headers: [string, string][]; body: string }> {
    const cookie = cookieHeaderFor(this.store.getState().cookies, target, ORIGIN.scheme, Date.now());
    const sent: [string, string][] = [["Host", HOST_HEADER], ...headers.filter(([k]) => !["host", "cookie", "content-length"].includes(k.toLowerCase()))];
    if (cookie) sent.push(["Cookie", cookie]);
    const request: HttpRequestMessage = { method, target, headers: sent, body, scheme: ORIGIN.scheme, server_name: ORIGIN.host, server_port: ORIGIN.port, remote_addr: "127.0.0.1" };
    const exchange = await this.exchange(request, "fetch", null, { navigates: false });
    const outcome = exchange.outcome;
    if (outcome.kind === "deadline") throw new Error("The request ran out of time");
    if (outcome.kind === "failed") throw new Error(`The project failed: ${outcome.error.message}`);
    if (outcome.kind !== "response") throw new Error("The request did not get an HTTP response");
    const { response } = outcome.result;
    return { status: response.status, statusText: response.reason, headers: response.headers, body: new TextDecoder().decode(response.body) };
  }

  currentExchange(): Exchange | null {
    const { nav, exchanges } = this.store.getState();
    const id = nav.entries[nav.index];
    return exchanges.find((e) => e.id === id) ?? null;
  }

  /** Send a request and follow its redirects; every hop lands in the history. */
  async navigate(request: HttpRequestMessage, initiator: Initiator, options: NavigateOptions = {}): Promise<void> {
    const privateWindow = options.privateWindow === true;
    let exchange = await this.exchange(request, initiator, null, { privateWindow });
    if (options.followRedirects === false) return;
    for (let hops = 0; hops < MAX_REDIRECTS; hops++) {
      const next = redirectTarget(exchange);
      if (!next) return;
      const cookie = privateWindow ? null : cookieHeaderFor(this.store.getState().cookies, next.target, ORIGIN.scheme, Date.now());
      const headers: [string, string][] = [["Host", HOST_HEADER]];
      if (next.keepBody) {
        const type = header(exchange.request.headers, "content-type");
        if (type) headers.push(["Content-Type", type]);
      }
      if (cookie) headers.push(["Cookie", cookie]);
      const body = next.keepBody ? exchange.request.body : "";
      this.store.setState({ draft: { ...this.store.getState().draft, method: next.method, target: next.target }, script: null });
      exchange = await this.exchange({ ...exchange.request, method: next.method, target: next.target, headers, body }, "redirect", exchange.id, { privateWindow });
    }
    this.store.setState({ notice: { tone: "warn", text: `Stopped after ${MAX_REDIRECTS} redirects (ERR_TOO_MANY_REDIRECTS).` } });
  }

  /** One request → one exchange in the store (reloading first when files changed). */
  private async exchange(request: HttpRequestMessage, initiator: Initiator, redirectedFrom: number | null, { privateWindow = false, navigates = true }: { privateWindow?: boolean; navigates?: boolean } = {}): Promise<Exchange> {
    const started = performance.now();
    const files = this.store.getState().files;
    this.store.setState({ notice: null });
    const reload = await this.reloadIfChanged(files);
    let outcome: ExchangeOutcome;
    this.streamed = [];
    if (reload === "deadline") outcome = { kind: "deadline", phase: "load" };
    else if (reload && !reload.ok && reload.error) outcome = { kind: "failed", error: reload.error };
    else {
      performance.mark("lab:request-start");
      outcome = toExchangeOutcome(await this.guard.around(`request ${request.method} ${request.target}`, () => this.ensureClient().request(request)));
      performance.mark("lab:response");
    }
    const exchange: Exchange = {
      id: this.nextExchangeId++,
      request,
      initiator,
      redirectedFrom,
      ms: performance.now() - started,
      reload: reload === "deadline" ? null : reload,
      middleware: this.middleware,
      outcome,
      at: Date.now(),
      ...(privateWindow ? { privateWindow: true } : {}),
    };
    // After a deadline the runtime is a replacement: load the files again before the next request,
    // even if its own restore did not finish (the database image it was given is kept).
    if (outcome.kind === "deadline") this.loadedFiles = null;
    this.record(exchange, navigates);
    if (outcome.kind === "response" && outcome.result.socket_events) this.deliver(outcome.result.socket_events, exchange.id);
    if (outcome.kind !== "response" || outcome.result.database_changed) this.bumpDatabase();
    if (outcome.kind === "response" && outcome.result.database_changed) this.persistSnapshot();
    return exchange;
  }

  // --- WebSocket clients ----------------------------------------------------------------------

  /**
   * Open a named client's WebSocket to `target` (a path of the site), as a page of the site would:
   * Origin, the jar's cookies (none for a private client), the offered subprotocols.
   */
  async openClient(name: string, target: string, options: { subprotocols?: string[]; private?: boolean; origin?: SocketClient["origin"] } = {}): Promise<boolean> {
    const state = this.store.getState();
    const existing = state.clients.find((c) => c.name === name);
    if (existing && existing.state !== "closed") {
      this.store.setState({ notice: { tone: "warn", text: `A client named "${name}" is already connected.` } });
      return false;
    }
    const cookie = options.private ? null : cookieHeaderFor(state.cookies, target, ORIGIN.scheme, Date.now());
    const request = upgradeRequest(target, options.subprotocols ?? [], cookie);
    const client: SocketClient = { name, target, origin: options.origin ?? "panel", state: "connecting", subprotocol: null, port: null, close: null, log: [] };
    this.store.setState({ clients: [...state.clients.filter((c) => c.name !== name), client] });
    this.appendLog(name, { dir: "out", kind: "connect", text: `${target}${options.subprotocols?.length ? ` (subprotocols ${options.subprotocols.join(", ")})` : ""}${options.private ? " — no cookies" : ""}`, exchange: null });
    const result = await this.socketStep({ op: "open", client: name, request }, request, `${name}: connect ${target}`);
    return result?.ok === true && this.store.getState().clients.find((c) => c.name === name)?.state === "open";
  }

  /** A text or binary frame from a client. */
  async sendFrame(name: string, frame: { text: string } | { bytes: Uint8Array }): Promise<void> {
    const sent: Omit<FrameEntry, "id"> = "text" in frame ? { dir: "out", kind: "text", text: frame.text, exchange: null } : { dir: "out", kind: "bytes", size: frame.bytes.length, hex: hex(frame.bytes), exchange: null };
    this.appendLog(name, sent);
    const summary = "text" in frame ? `${name}: send ${JSON.stringify(frame.text.length > 60 ? `${frame.text.slice(0, 57)}…` : frame.text)}` : `${name}: send ${frame.bytes.length} bytes`;
    const request = { ...this.upgradeOf(name), body: "text" in frame ? frame.text : frame.bytes };
    await this.socketStep({ op: "send", client: name, ...frame }, request, summary);
  }

  /** The client closes its connection (the application receives websocket.disconnect). */
  async closeClient(name: string, code = 1000, reason = ""): Promise<void> {
    const client = this.store.getState().clients.find((c) => c.name === name);
    if (!client || client.state === "closed") return;
    this.appendLog(name, { dir: "out", kind: "close", code, reason, exchange: null });
    this.patchClient(name, { state: "closed", close: { code, reason } });
    await this.socketStep({ op: "close", client: name, code, reason }, this.upgradeOf(name), `${name}: close ${code}`);
  }

  /**
   * Run the lesson's script from the page: its requests and client steps in order (requests it does
   * not name first), each an exchange as if clicked. `expect` steps are checked against the
   * client's log and noted there.
   */
  async runScript(): Promise<void> {
    const scenario = this.store.getState().scenario;
    if (!scenario?.script) return;
    const named = new Set(scenario.script.flatMap((step) => ("request" in step ? [step.request] : [])));
    const request = async (index: number) => {
      const spec = scenario.requests[index];
      const state = this.store.getState();
      const cookie = spec.no_cookies ? null : cookieHeaderFor(state.cookies, spec.target, ORIGIN.scheme, Date.now());
      await this.navigate(draftToMessage(draftFromScripted(spec), cookie), "script");
    };
    for (let i = 0; i < scenario.requests.length; i++) if (!named.has(i)) await request(i);
    const read = new Map<string, number>();
    for (const step of scenario.script) {
      if ("request" in step) await request(step.request);
      else if ("connect" in step) await this.openClient(step.client, step.connect, { subprotocols: step.subprotocols ?? [], private: step.no_cookies ?? false });
      else if ("send" in step) await this.sendFrame(step.client, { text: step.send });
      else if ("send_json" in step) await this.sendFrame(step.client, { text: JSON.stringify(step.send_json) });
      else if ("send_bytes" in step) await this.sendFrame(step.client, { bytes: Uint8Array.from(atob(step.send_bytes), (c) => c.charCodeAt(0)) });
      else if ("close" in step) await this.closeClient(step.client, step.close, step.reason ?? "");
      else if ("expect" in step) this.noteExpectation(step.client, step.expect, read);
    }
  }

  /** An `expect` step of the script, checked against the client's unread received lines. */
  private noteExpectation(name: string, expected: SocketExpectation, read: Map<string, number>): { passed: boolean; message: string } {
    const client = this.store.getState().clients.find((c) => c.name === name);
    if (!client) return { passed: false, message: `no client named ${name}` };
    const received = client.log.filter((e) => e.dir === "in");
    const from = read.get(name) ?? 0;
    const events: WebSocketServerEvent[] = received.slice(from).map(eventOfEntry);
    const before = events.length;
    const outcome = meets(expected, events);
    read.set(name, from + (before - events.length));
    this.appendLog(name, { dir: "info", kind: outcome.passed ? "accept" : "error", text: `expect ${JSON.stringify(expected)}: ${outcome.passed ? "✓" : "✗"} ${outcome.message}`, exchange: null });
    return outcome;
  }

  /** Forget a closed client (the Clients panel's ×). */
  removeClient(name: string): void {
    this.sinks.delete(name);
    this.store.setState({ clients: this.store.getState().clients.filter((c) => c.name !== name) });
  }

  /** Also hand a client's server events to `sink` (a Preview page's socket); null stops it. */
  setClientSink(name: string, sink: ((event: WebSocketServerEvent) => void) | null): void {
    if (sink) this.sinks.set(name, sink);
    else this.sinks.delete(name);
  }

  private upgradeOf(name: string): HttpRequestMessage {
    const exchange = this.store.getState().exchanges.find((e) => e.socket?.client === name && e.socket.op === "open");
    return exchange?.request ?? upgradeRequest(this.store.getState().clients.find((c) => c.name === name)?.target ?? "/", [], null);
  }

  /** One socket step → an exchange (its trace in the panels, not in the browser's history) and every client's events. */
  private async socketStep(action: SocketAction, request: HttpRequestMessage, summary: string): Promise<SocketResult | null> {
    const started = performance.now();
    const reload = await this.reloadIfChanged(this.store.getState().files);
    let outcome: ExchangeOutcome;
    let result: SocketResult | null = null;
    if (reload === "deadline") outcome = { kind: "deadline", phase: "load" };
    else if (reload && !reload.ok && reload.error) outcome = { kind: "failed", error: reload.error };
    else if (reload && action.op !== "open") outcome = { kind: "failed", error: { type: "ConnectionClosed", message: `The project was reloaded, which closed ${action.client}'s connection: connect again.`, frames: [] } };
    else {
      const done = await this.guard.around(summary, () => this.ensureClient().socket(action));
      if (done.kind === "done") outcome = { kind: "socket", result: (result = done.value) };
      else outcome = done.kind === "deadline" ? { kind: "deadline", phase: "request" } : { kind: "failed", error: done.error };
    }
    const exchange: Exchange = {
      id: this.nextExchangeId++,
      request,
      initiator: "script",
      redirectedFrom: null,
      ms: performance.now() - started,
      reload: reload === "deadline" ? null : reload,
      // No HTTP middleware onion in a WebSocket step: the Flow graph draws none.
      middleware: [],
      outcome,
      at: Date.now(),
      socket: { client: action.client, op: action.op, summary },
    };
    if (outcome.kind === "deadline") {
      this.loadedFiles = null;
      this.dropClients(1006, "the runtime was restarted");
    }
    const state = this.store.getState();
    this.store.setState({
      exchanges: [...state.exchanges, exchange],
      selected: exchange.id,
      logs: { ...state.logs, [exchange.id]: result?.logs ?? [] },
      step: null,
      notice: outcome.kind === "deadline" ? deadlineNotice(exchange, state.deadlineMs, this.streamed) : null,
    });
    if (result) {
      if (!result.ok) this.appendLog(action.client, { dir: "info", kind: "error", text: `${result.error.type}: ${result.error.message}`, exchange: exchange.id });
      this.deliver(result.events, exchange.id);
      for (const c of result.clients) this.patchClient(c.client, { state: c.state, port: c.port, ...(c.close_status ? { close: c.close_status } : {}) });
      if (result.database_changed) {
        this.bumpDatabase();
        this.persistSnapshot();
      }
    } else if (outcome.kind === "failed") {
      this.appendLog(action.client, { dir: "info", kind: "error", text: `${outcome.error.type}: ${outcome.error.message}`, exchange: exchange.id });
      if (action.op === "open") this.patchClient(action.client, { state: "closed" });
    }
    return result;
  }

  /** Server events → each client's log (and its page, for a Preview socket). */
  private deliver(events: SocketEvent[], exchange: number): void {
    for (const { client, event } of events) {
      this.appendLog(client, entryOf(event, 0, exchange));
      if (event.type === "accept") this.patchClient(client, { state: "open", subprotocol: event.subprotocol });
      if (event.type === "close" || event.type === "http_response") this.patchClient(client, { state: "closed", close: event.type === "close" ? { code: event.code, reason: event.reason } : { code: 1006, reason: "" } });
      this.sinks.get(client)?.(event);
    }
  }

  /** Every open client is gone (a reload, a replaced runtime): closed with `code`, as a browser reports it. */
  private dropClients(code: number, why: string): void {
    for (const client of this.store.getState().clients) {
      if (client.state !== "open") continue; // a client connecting right now connects to the new project
      this.appendLog(client.name, { dir: "info", kind: "close", code, reason: why, exchange: null });
      this.patchClient(client.name, { state: "closed", close: { code, reason: "" } });
      this.sinks.get(client.name)?.({ type: "close", code, reason: "" });
    }
  }

  private appendLog(name: string, entry: Omit<FrameEntry, "id"> & { id?: number }): void {
    const clients = this.store.getState().clients;
    if (!clients.some((c) => c.name === name)) return;
    const line: FrameEntry = { ...entry, id: this.nextFrameId++ };
    this.store.setState({ clients: clients.map((c) => (c.name === name ? { ...c, log: [...c.log, line].slice(-500) } : c)) });
  }

  private patchClient(name: string, patch: Partial<SocketClient>): void {
    const clients = this.store.getState().clients;
    if (!clients.some((c) => c.name === name)) return;
    this.store.setState({ clients: clients.map((c) => (c.name === name ? { ...c, ...patch } : c)) });
  }

  /** Tell the Database panel the database may have changed. */
  private bumpDatabase(): void {
    this.store.setState({ databaseVersion: this.store.getState().databaseVersion + 1 });
  }

  /**
   * Run a management command on the project as the editor has it (reloading first, keeping the
   * database). Files it writes (makemigrations) join the project and open in the editor; autosave
   * keeps them and the next load imports them.
   */
  async runCommand(command: ManagementCommand): Promise<Outcome<CommandResult>> {
    const reload = await this.reloadIfChanged(this.store.getState().files);
    if (reload === "deadline") return { kind: "deadline", ms: 0, phase: "load" };
    if (reload && !reload.ok && reload.error) return { kind: "done", ms: 0, value: { ok: false, error: reload.error, logs: [], trace: { spans: [] }, database_changed: false } };
    const outcome = await this.guard.around(`manage.py ${command.command}`, () => this.ensureClient().command(command));
    if (outcome.kind === "done" && outcome.value.ok) this.addFiles(outcome.value.files);
    this.bumpDatabase();
    if (outcome.kind === "done" && outcome.value.database_changed) this.persistSnapshot();
    return outcome;
  }

  /**
   * The Terminal: a `manage` command line starts a process on the project as the editor has it
   * (as runCommand); `manage_input` / `manage_interrupt` answer the process paused at a prompt,
   * without reloading (a reload would end that process).
   */
  async manage(command: ManagementCommand): Promise<Outcome<CommandResult>> {
    if (command.command !== "manage_input" && command.command !== "manage_interrupt") return this.runCommand(command);
    const outcome = await this.guard.around("manage.py input", () => this.ensureClient().command(command));
    if (outcome.kind === "done" && outcome.value.ok) this.addFiles(outcome.value.files);
    if (outcome.kind === "deadline") this.loadedFiles = null;
    this.bumpDatabase();
    if (outcome.kind === "done" && outcome.value.database_changed) this.persistSnapshot();
    return outcome;
  }

  private addFiles(files: Record<string, string>): void {
    const paths = Object.keys(files);
    if (!paths.length) return;
    const state = this.store.getState();
    const tabs = [...state.openTabs, ...paths.filter((p) => !state.openTabs.includes(p))];
    this.store.setState({ files: { ...state.files, ...files }, openTabs: tabs, activeFile: paths[0] });
  }

  /** Throw the database away and load again from a fresh one with the scenario's setup (migrate, seed). */
  async resetDatabase(): Promise<void> {
    this.freshDatabase = true;
    this.savedDatabase = null;
    this.loadedFiles = null;
    const id = this.store.getState().scenarioId;
    if (id) this.onDatabaseSnapshot?.(id, null);
    await this.reloadIfChanged(this.store.getState().files);
  }

  /** EXPLAIN QUERY PLAN for a statement of a trace, on the current database. */
  explain(sql: string, params: unknown[]): Promise<Outcome<ExplainResult>> {
    return this.ensureClient().explain(sql, params);
  }

  /** A read-only query (the Database panel's table view). */
  select(sql: string, params: unknown[] = []): Promise<Outcome<SelectResult>> {
    return this.ensureClient().select(sql, params);
  }

  /** The database's tables with row counts (after loading the project if it is not loaded yet). */
  async tables(): Promise<Outcome<TablesResult>> {
    const runtime = this.store.getState().runtime;
    if (!this.loadedFiles && runtime !== "blocked" && runtime !== "inert") await this.reloadIfChanged(this.store.getState().files);
    return this.ensureClient().tables();
  }

  private record(exchange: Exchange, navigates = true): void {
    const state = this.store.getState();
    const logs = exchange.outcome.kind === "response" ? exchange.outcome.result.logs : this.streamed;
    let cookies = state.cookies;
    // A private window's cookies die with it: the jar is left as it was (scenario format, `no_cookies`).
    if (exchange.outcome.kind === "response" && !exchange.privateWindow) cookies = storeSetCookies(cookies, exchange.outcome.result.response.headers, exchange.request.target, Date.now());
    if (!navigates) {
      // A fetch from the page: in the History, not in the address bar's navigation, not selected.
      this.store.setState({ exchanges: [...state.exchanges, exchange], cookies, logs: { ...state.logs, [exchange.id]: logs } });
      return;
    }
    const entries = [...state.nav.entries.slice(0, state.nav.index + 1), exchange.id];
    const markers =
      exchange.outcome.kind === "failed" ? markersFromError(exchange.outcome.error) : exchange.outcome.kind === "response" ? markersFromTrace(exchange.outcome.result.trace, state.files) : state.markers;
    this.store.setState({
      exchanges: [...state.exchanges, exchange],
      selected: exchange.id,
      nav: { entries, index: entries.length - 1 },
      cookies,
      logs: { ...state.logs, [exchange.id]: logs },
      markers,
      notice: exchange.outcome.kind === "deadline" ? deadlineNotice(exchange, state.deadlineMs, this.streamed) : null,
      ...stepAfter(state, exchange),
    });
  }

  /** Back / forward: show the stored exchange again (as a browser's page cache would). */
  go(delta: -1 | 1): void {
    const { nav, exchanges, draft } = this.store.getState();
    const index = nav.index + delta;
    if (index < 0 || index >= nav.entries.length) return;
    const exchange = exchanges.find((e) => e.id === nav.entries[index]);
    this.store.setState({ nav: { ...nav, index }, selected: exchange?.id ?? null, step: null, draft: exchange ? { ...draft, method: exchange.request.method, target: exchange.request.target } : draft });
  }

  /** Render a template source with a context captured in a trace (the Templates panel's re-render). */
  renderTemplate(source: string, context: Record<string, unknown>): Promise<Outcome<RenderTemplateResult>> {
    return this.ensureClient().renderTemplate(source, context);
  }

  /** A class-based view's anatomy by dotted path (the Class-based view panel's MRO). */
  inspectClass(path: string): Promise<Outcome<ClassAnatomyResult>> {
    return this.ensureClient().inspectClass(path);
  }

  /** The database as a SQLite file (Download .sqlite), after loading the project if it is not loaded yet. */
  async exportDatabase(): Promise<{ ok: true; image: Uint8Array } | { ok: false; message: string }> {
    if (!this.loadedFiles) {
      const reload = await this.reloadIfChanged(this.store.getState().files);
      if (reload === "deadline") return { ok: false, message: "Loading the project ran past the deadline." };
    }
    const outcome = await this.ensureClient().exportDatabase();
    if (outcome.kind !== "done") return { ok: false, message: outcome.kind === "deadline" ? "The runtime was restarted before the export finished." : outcome.error.message };
    return outcome.value.image ? { ok: true, image: outcome.value.image } : { ok: false, message: "There is no database yet: the project has not loaded." };
  }

  /**
   * Replace the database with an uploaded SQLite file (already checked by share/database-file.ts):
   * the project reloads on it as it is, without the scenario's setup. A file SQLite cannot read
   * leaves the old database in place.
   */
  async importDatabase(image: Uint8Array): Promise<{ ok: true } | { ok: false; message: string }> {
    const client = this.ensureClient();
    const files = this.store.getState().files;
    const before = this.loadedFiles ? await client.exportDatabase() : null;
    const previous = before?.kind === "done" ? before.value.image : null;
    this.store.setState({ runtime: "loading" });
    const outcome = await this.guard.around("the database upload", () => client.load(this.loadInput(files), { database: image }));
    // SQLite reads a file lazily: list its tables to be sure it opens.
    const tables = outcome.kind === "done" && outcome.value.ok ? await client.tables() : null;
    this.bumpDatabase();
    if (outcome.kind === "done" && outcome.value.ok && tables?.kind === "done" && tables.value.ok) {
      this.loadedFiles = files;
      this.freshDatabase = false;
      this.middleware = outcome.value.middleware ?? [];
      return { ok: true };
    }
    const why =
      outcome.kind === "deadline" ? "loading ran past the deadline"
      : outcome.kind === "failed" ? outcome.error.message
      : !outcome.value.ok ? outcome.value.error.message
      : tables?.kind === "done" && !tables.value.ok ? tables.value.error.message
      : "the runtime could not read it";
    // Back to the database as it was before the upload.
    this.loadedFiles = null;
    if (previous) {
      await client.load(this.loadInput(files), { database: previous });
      this.loadedFiles = files;
      this.bumpDatabase();
    }
    return { ok: false, message: why };
  }

  /** The runtime's database image after the last completed request (for tests and downloads). */
  databaseSnapshot(): Uint8Array | null {
    return this.client?.databaseSnapshot ?? null;
  }
}

/** A new trace starts the Step panel at its first step, or at a permalink's step once. */
function stepAfter(state: LabState, exchange: Exchange): Partial<LabState> {
  if (state.pendingStep === null || exchange.outcome.kind !== "response") return { step: null };
  return { step: state.pendingStep, pendingStep: null, activePanel: "step" };
}

function toExchangeOutcome(outcome: Outcome<RequestResult>): ExchangeOutcome {
  if (outcome.kind === "done") return { kind: "response", result: outcome.value };
  if (outcome.kind === "deadline") return { kind: "deadline", phase: outcome.phase === "load" ? "load" : "request" };
  return { kind: "failed", error: outcome.error };
}

function deadlineNotice(exchange: Exchange, deadlineMs: number, streamed: LogEntry[]) {
  const last = streamed[streamed.length - 1];
  const where = last?.source?.line ? ` The last output came from ${last.source.file}:${last.source.line}.` : "";
  const phase = exchange.outcome.kind === "deadline" && exchange.outcome.phase === "load" ? "Loading the project" : `${exchange.request.method} ${exchange.request.target}`;
  return {
    tone: "error" as const,
    text: `${phase} was still running after ${deadlineMs / 1000} s, so the runtime was stopped and restarted. Files and database are as they were after the last completed request.${where}`,
  };
}

/** Where a 3xx response sends the browser next, and with which method (Fetch's redirect rules). */
function redirectTarget(exchange: Exchange): { method: string; target: string; keepBody: boolean } | null {
  if (exchange.outcome.kind !== "response") return null;
  const { status, headers } = exchange.outcome.result.response;
  if (![301, 302, 303, 307, 308].includes(status)) return null;
  const location = header(headers, "location");
  if (!location) return null;
  const target = resolveLocation(location, exchange.request.target);
  if (!target) return null;
  const method = exchange.request.method;
  const keep = status === 307 || status === 308;
  const toGet = !keep && (status === 303 ? method !== "HEAD" : method === "POST");
  return { method: toGet ? "GET" : method, target, keepBody: keep };
}

/** A received log line back into the server event it came from (for checking a script's expectations). */
function eventOfEntry(entry: FrameEntry): WebSocketServerEvent {
  switch (entry.kind) {
    case "accept":
      return { type: "accept", subprotocol: entry.text?.startsWith("subprotocol ") ? entry.text.slice(12) : null, headers: [] };
    case "bytes":
      return { type: "bytes", bytes: new Uint8Array(0) };
    case "close":
      return { type: "close", code: entry.code ?? 1000, reason: entry.reason ?? "" };
    case "refused":
      return { type: "http_response", response: { status: entry.code ?? 0, reason: "", headers: [], body: new Uint8Array(0) } };
    default:
      return { type: "text", text: entry.text ?? "" };
  }
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] === a[k]);
}
