// The recorder alone: a resolve-like log (1 open, 105 events with kept values, 1 set, 1 close)
// recorded and read N times; CPU time per log, recording and reading apart. argv: N rounds
import { Recorder, set_active_recorder, span_close, span_set, trace_site } from "../src/trace";
const RES = trace_site("resolver", "bench#resolve", { source: true });
const PAT = trace_site("pattern", "bench#pattern", { source: true });
const routes = Array.from({ length: 105 }, (_, i) => ({ route: `r${i}/<int:x>/`, name: `p${i}`, words: `route 'r${i}/<int:x>/' did not match '` }));
const name_of = (p: { route: string }) => p.route;
const attrs_of = (p: { route: string; name: string; words: string }, path: string) => ({ route: p.route, path, name: p.name, kind: "path", matched: false, reason: p.words + path + "'" });
const res_name = (_: unknown, path: string) => `resolve ${path}`;
const res_attrs = (_: unknown, path: string) => ({ path });
const N = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 5);
const path = "r99/42/hello-world/";
let rec = Infinity;
let read = Infinity;
let sink: unknown;
const recorders: Recorder[] = new Array(10);
for (let round = 0; round < rounds + 1; round++) {
  let a = 0;
  let b = 0;
  for (let k = 0; k < N; k += 10) {
    const c0 = process.cpuUsage();
    for (let j = 0; j < 10; j++) {
      const r = (recorders[j] = new Recorder({ enabled: true }));
      const prev = set_active_recorder(r);
      const h = RES.open_with(res_name, res_attrs, null, path);
      for (let i = 0; i < 105; i++) PAT.event_with(name_of, attrs_of, routes[i], path);
      span_set(h, { matched: true });
      span_close(h);
      set_active_recorder(prev);
    }
    const c1 = process.cpuUsage();
    for (let j = 0; j < 10; j++) sink = recorders[j].trace();
    const c2 = process.cpuUsage();
    a += c1.user + c1.system - c0.user - c0.system;
    b += c2.user + c2.system - c1.user - c1.system;
  }
  if (round === 0) continue;
  rec = Math.min(rec, a / N);
  read = Math.min(read, b / N);
}
console.log("micro record us", rec.toFixed(2), "read us", read.toFixed(2), sink ? "" : "?");
