/** The sessions-login lesson replayed headless: authenticate + login set the session cookie, login_required reads it back, a private window is redirected. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { sessions_login } from "../../src/scenarios/sessions-login";
import { replay, run_checks } from "../../src/scenarios/client";
import type { Span } from "../../src/trace/span";

const spans_of = (step: { result: { trace?: { spans: Span[] } | null } }) => step.result.trace?.spans ?? [];

describe("sessions-login scenario", () => {
  it("migrates, seeds alice and passes its scripted checks", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(sessions_login);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const steps = await replay(runtime, sessions_login);
    expect(run_checks(sessions_login.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
  }, 60_000);

  it("traces authenticate and login, the saved session and its cookie, then the session read back", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(sessions_login);
    const [login, profile, private_window] = await replay(runtime, sessions_login);
    const set_cookie = login.result.response.headers.filter(([k]) => k.toLowerCase() === "set-cookie").map(([, v]) => v);
    expect(set_cookie.some((v) => v.startsWith("sessionid="))).toBe(true);
    const login_spans = spans_of(login);
    expect(login_spans.filter((s) => s.kind === "auth").map((s) => s.name)).toEqual(expect.arrayContaining(["authenticate()", "login(alice)"]));
    expect(login_spans.some((s) => s.kind === "session")).toBe(true);
    expect(login_spans.some((s) => s.kind === "signal" && s.name === "user_logged_in")).toBe(true);

    expect(spans_of(profile).some((s) => s.kind === "session")).toBe(true);
    expect(new TextDecoder().decode(private_window.result.response.body)).toBe("");
  }, 60_000);
});
