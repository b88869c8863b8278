// The recorder alone, a run site: 1 open, 105 events of a `runs` site (the same pattern objects and
// a frozen miss each time, as a resolve's plain misses), 1 close; recording only, CPU ns per event.
import { Recorder, set_active_recorder, span_close, trace_site } from "../src/trace";
const routes = Array.from({ length: 105 }, (_, i) => ({ route: `r${i}/<int:x>/`, name: `p${i}` }));
const MISS = Object.freeze({ missed: "regex" });
const name_of = (p: { route: string }) => p.route;
const attrs_of = (p: { route: string; name: string }, path: string) => ({ route: p.route, path, name: p.name, matched: false });
const RES = trace_site("resolver", "bench#resolve");
const PAT = trace_site("pattern", "bench#pattern", { name: name_of, attrs: attrs_of, runs: true });
const N = Number(process.argv[2] ?? 20000);
const path = "r99/42/hello-world/";
const one = (events: boolean) => {
  const r = new Recorder({ enabled: true });
  const prev = set_active_recorder(r);
  const h = RES.open("resolve");
  if (events) for (let i = 0; i < 105; i++) PAT.event_with(name_of, attrs_of, routes[i], path, MISS);
  span_close(h);
  set_active_recorder(prev);
  r.trace({ packed: true });
};
for (const events of [false, true, false, true]) {
  for (let i = 0; i < 3000; i++) one(events);
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) one(events);
  const c = process.cpuUsage(c0);
  console.log(events ? "with 105 events" : "no events", (((c.user + c.system) / N) * 1000).toFixed(0), "ns per log");
}
const batch = () => {
  const r = new Recorder({ enabled: true });
  const prev = set_active_recorder(r);
  const h = RES.open("resolve");
  PAT.events_with(name_of, attrs_of, routes, 0, 105, path, MISS);
  span_close(h);
  set_active_recorder(prev);
  return r.trace({ packed: true });
};
for (let i = 0; i < 3000; i++) batch();
const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) batch();
const c = process.cpuUsage(c0);
console.log("105 events in one batch", (((c.user + c.system) / N) * 1000).toFixed(0), "ns per log");
{
  const rs: Recorder[] = [];
  for (const mode of ["batch", "single", "batch", "single"]) {
    let rec = 0, read = 0;
    for (let k = 0; k < N; k += 50) {
      const c0 = process.cpuUsage();
      for (let j = 0; j < 50; j++) {
        const r = (rs[j] = new Recorder({ enabled: true }));
        const prev = set_active_recorder(r);
        const h = RES.open("resolve");
        if (mode === "batch") PAT.events_with(name_of, attrs_of, routes, 0, 105, path, MISS);
        else for (let i = 0; i < 105; i++) PAT.event_with(name_of, attrs_of, routes[i], path, MISS);
        span_close(h);
        set_active_recorder(prev);
      }
      const c1 = process.cpuUsage();
      for (let j = 0; j < 50; j++) rs[j].trace({ packed: true });
      const c2 = process.cpuUsage();
      rec += c1.user + c1.system - c0.user - c0.system;
      read += c2.user + c2.system - c1.user - c1.system;
    }
    console.log(mode, "record", ((rec / N) * 1000).toFixed(0), "ns, read", ((read / N) * 1000).toFixed(0), "ns");
  }
}
