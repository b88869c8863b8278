import { describe, expect, it, vi } from "vitest";
import { main, parse_args, format_trace_tree } from "../../src/cli/main";
import { builtin_scenario_names } from "../../src/scenarios";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("lab CLI", () => {
  it("request prints the status line, headers, blank line, body, then the trace tree", async () => {
    const { code, out } = await run(["request", "wsgi-hello", "GET", "/hello?name=Ada"]);
    expect(code).toBe(0);
    expect(out.startsWith("HTTP/1.1 200 OK\nContent-Type: text/plain; charset=utf-8\nContent-Length: 11\n\nHello, Ada!\n\n[request] GET /hello?name=Ada  ")).toBe(true);
    expect(out).toMatch(/\n {2}\[gateway\] WSGI GET \/hello\?name=Ada {2}[\d.]+ms {2}status=200 reason="OK" bytes_written=11\n/);
    expect(out).toContain('[log] console.log');
  });

  it("request --json prints {response, trace} with the body as text", async () => {
    const { out } = await run(["request", "wsgi-hello", "POST", "/login", "-H", "Content-Type: application/x-www-form-urlencoded", "-d", "username=bob", "--json"]);
    const parsed = JSON.parse(out);
    expect(parsed.response.status).toBe(200);
    expect(parsed.response.body).toMatch(/^Welcome, bob! Session ID: [0-9a-f]{32}$/);
    expect(parsed.trace.spans[0].kind).toBe("request");
  });

  it("export-trace writes Chrome trace-event JSON", async () => {
    const { out } = await run(["export-trace", "wsgi-hello", "GET", "/hello"]);
    const parsed = JSON.parse(out);
    expect(parsed.traceEvents[0]).toMatchObject({ name: "GET /hello", cat: "request", ph: "X" });
  });

  it("errors are one line with exit code 2", async () => {
    expect(await run(["request", "nope", "GET", "/"])).toEqual({ code: 2, out: "", err: `lab: unknown scenario 'nope' (built-in: ${builtin_scenario_names().join(", ")}; or give a .json file)\n` });
    expect((await run(["request", "./missing.json", "GET", "/"])).err).toBe("lab: cannot read scenario file ./missing.json: ENOENT\n");
    expect((await run(["frobnicate"])).err).toBe("lab: unknown command 'frobnicate' (request, replay, export-trace, manage, course)\n");
    expect(() => parse_args(["-H", "bad"])).toThrowError(`-H needs 'Name: value' (got "bad")`);
  });

  it("format_trace_tree marks patterns tried with ✓/✗ and the reason", () => {
    const tree = format_trace_tree({
      spans: [
        { id: 0, parent: null, kind: "resolver", name: "resolve /x/", start: 0, end: 1, attrs: {} },
        { id: 1, parent: 0, kind: "pattern", name: "a/", start: 0, end: 0, attrs: { matched: false, reason: "no match" } },
        { id: 2, parent: 0, kind: "pattern", name: "x/", start: 0, end: 0, attrs: { matched: true } },
      ],
    });
    expect(tree).toBe('[resolver] resolve /x/  1.00ms\n  ✗ [pattern] a/  0.00ms  reason="no match"\n  ✓ [pattern] x/  0.00ms');
  });

  it("manage <scenario> <command…> prints what manage.py prints, stdout and stderr apart, and exits with its status", async () => {
    const { code, out, err } = await run(["manage", "blog-orm", "showmigrations", "blog"]);
    expect(code).toBe(0);
    expect(out).toBe("blog\n [X] 0001_initial\n");
    expect(err.startsWith("System check identified some issues:\n\nWARNINGS:\nblog.Author: (models.W042)")).toBe(true);
    const bad = await run(["manage", "blog-orm", "sqlmigrate", "blog", "0009"]);
    expect(bad.code).toBe(1);
    expect(bad.err.endsWith("CommandError: Cannot find a migration matching '0009' from app 'blog'. Is it in INSTALLED_APPS?\n")).toBe(true);
  });
});
