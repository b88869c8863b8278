// Dump the traces of a few requests (times and ids left out) to compare trace content across builds.
import { startproject_runtime } from "./django";
import { HeadlessRuntime } from "../src/runtime/headless";
import { flask_hello_scenario } from "./flask";
const rt = await startproject_runtime();
const out: unknown[] = [];
const strip = (spans: { start: number; end: number }[]) => spans.map(({ start, end, ...rest }) => ({ ...rest, dur: end > start }));
for (const target of ["/hello/", "/nope/", "/admin/", "/admin/login/", "/r99/42/hello-world/", "/r5/x/y/"]) {
  const r = await rt.request({ method: "GET", target, headers: [["Host", "testserver"], ["Cookie", "sessionid=abc; csrftoken=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"]], body: "" }, { trace: true });
  out.push({ target, status: r.response.status, spans: strip(r.trace.spans as never) });
}
const post = await rt.request({ method: "POST", target: "/admin/login/", headers: [["Host", "testserver"], ["Content-Type", "application/x-www-form-urlencoded"]], body: "username=a&password=b" }, { trace: true });
out.push({ target: "POST", status: post.response.status, spans: strip(post.trace.spans as never) });
const fl = await HeadlessRuntime.create({ trace: false });
await fl.load(flask_hello_scenario);
for (const target of ["/hello/", "/missing"]) {
  const r = await fl.request({ method: "GET", target, headers: [["Host", "testserver"]], body: "" }, { trace: true });
  out.push({ target: "flask " + target, status: r.response.status, spans: strip(r.trace.spans as never) });
}
console.log(JSON.stringify(out, null, 1).replace(/"(expires|Expires|date|Date)": "[^"]*"/g, '"$1": "…"'));
