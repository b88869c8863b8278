export {};
// Counts the clock readings of a traced and an untraced hello (ADR 0040): `node bench/_bundle.mjs bench/_count_reads.ts && node node_modules/.cache/framework-lab-bench/_count_reads.mjs`.
let n = 0;
const orig = performance.now.bind(performance);
(performance as any).now = () => { n++; return orig(); };
const { startproject_runtime } = await import("./django");
const rt = await startproject_runtime();
const HELLO = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
for (let i = 0; i < 5; i++) await rt.request(HELLO, { trace: true });
n = 0; await rt.request(HELLO, { trace: true }); console.log("reads traced", n);
n = 0; await rt.request(HELLO, { trace: false }); console.log("reads untraced", n);
const r = await rt.request(HELLO, { trace: true });
for (const s of r.trace.spans) console.log(s.id, s.kind, s.name, s.start.toFixed(4), s.end.toFixed(4));
