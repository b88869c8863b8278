/** The signals lesson replayed headless: pre_save hashes, post_save welcomes, user_logged_in logs, the disconnected receiver never runs. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { signals_accounts } from "../../src/scenarios/signals-accounts";
import { replay, run_checks } from "../../src/scenarios/client";
import type { Span } from "../../src/trace/span";

const receivers = (spans: Span[]) => spans.filter((s) => s.kind === "receiver").map((s) => s.name);

describe("signals-accounts scenario", () => {
  it("migrates, seeds and passes its scripted checks", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(signals_accounts);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const steps = await replay(runtime, signals_accounts);
    expect(run_checks(signals_accounts.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
  }, 60_000);

  it("traces pre_save → hash_password and post_save → send_welcome on sign-up, never the disconnected audit_every_save", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(signals_accounts);
    const steps = await replay(runtime, signals_accounts);
    const signup = steps[0].result.trace?.spans ?? [];
    const signals = signup.filter((s) => s.kind === "signal").map((s) => s.name);
    expect(signals).toEqual(expect.arrayContaining(["pre_save", "post_save"]));
    expect(receivers(signup)).toEqual(expect.arrayContaining(["hash_password", "send_welcome"]));
    expect(receivers(signup)).not.toContain("audit_every_save");
    expect(steps[0].result.logs.map((l) => l.message)).toEqual(["[outbox] To: grace@example.com — Welcome to the lab, grace!"]);

    const signin = steps[2].result.trace?.spans ?? [];
    const logged_in = signin.find((s) => s.kind === "signal" && s.name === "user_logged_in");
    expect(logged_in).toBeDefined();
    expect(receivers(signin.filter((s) => s.parent === logged_in!.id))).toEqual(["log_login"]);
    // Django's own receivers of request_started / request_finished run on every request.
    expect(receivers(signin)).toEqual(["reset_queries", "close_old_connections", "log_login", "close_old_connections"]);
  }, 60_000);
});
