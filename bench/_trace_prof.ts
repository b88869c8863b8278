// Profiling entry: node --cpu-prof on the bundled file. argv: what (resolve-rec|resolve-read|resolve-packed|resolve-off|hello-on|hello-rec|hello-off|flask-on|flask-rec|flask-off) N
// (*-rec: the request recorded, its trace not read — `Recorder.trace` answers an empty trace.)
import { startproject_runtime } from "./django";
import { Recorder, set_active_recorder } from "../src/trace";
import { resolve } from "../src/frameworks/django/urls";
import { HeadlessRuntime } from "../src/runtime/headless";
import { flask_hello_scenario } from "./flask";
const what = process.argv[2] ?? "resolve-rec";
const N = Number(process.argv[3] ?? 20000);
const HELLO = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
let step: () => unknown;
if (what.startsWith("resolve")) {
  await startproject_runtime();
  set_active_recorder(new Recorder({ enabled: false }));
  step = () => {
    if (what === "resolve-off") return resolve((process.env.RESOLVE_PATH ?? "/r99/42/hello-world/"));
    const r = new Recorder({ enabled: true });
    const p = set_active_recorder(r);
    try { resolve((process.env.RESOLVE_PATH ?? "/r99/42/hello-world/")); } finally { set_active_recorder(p); }
    if (what === "resolve-read") return r.trace();
    if (what === "resolve-packed") return r.trace({ packed: true });
  };
} else if (what.startsWith("hello")) {
  const rt = await startproject_runtime();
  const trace = what !== "hello-off";
  step = () => rt.request(HELLO, { trace });
} else {
  const rt = await HeadlessRuntime.create({ trace: false });
  await rt.load(flask_hello_scenario);
  const trace = what !== "flask-off";
  step = () => rt.request(HELLO, { trace });
}
if (what.endsWith("-rec") && !what.startsWith("resolve")) Recorder.prototype.trace = () => ({ spans: [] });
for (let i = 0; i < Math.min(N, 3000); i++) await step();
const rounds = Number(process.argv[4] ?? 5);
if (what === "resolve-split" || what === "resolve-split-packed") {
  // The resolve's recording and its reading timed apart: N recorders recorded, then N traces read
  // (CPU time of each phase; fastest round of each).
  const rec: number[] = [];
  const read: number[] = [];
  const BATCH = 50;
  const recorders: Recorder[] = new Array(BATCH);
  const cpu = (c: NodeJS.CpuUsage) => c.user + c.system;
  for (let round = 0; round < rounds; round++) {
    let trec = 0;
    let tread = 0;
    for (let k = 0; k < N; k += BATCH) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < BATCH; i++) {
        const r = (recorders[i] = new Recorder({ enabled: true }));
        const p = set_active_recorder(r);
        try { resolve((process.env.RESOLVE_PATH ?? "/r99/42/hello-world/")); } finally { set_active_recorder(p); }
      }
      const c1 = process.cpuUsage();
      for (let i = 0; i < BATCH; i++) if (what === "resolve-split") recorders[i].trace(); else recorders[i].trace({ packed: true });
      const c2 = process.cpuUsage();
      trec += cpu(c1) - cpu(c0);
      tread += cpu(c2) - cpu(c1);
    }
    rec.push(trec / N);
    read.push(tread / N);
  }
  rec.sort((x, y) => x - y);
  read.sort((x, y) => x - y);
  console.log("resolve-split record us min", rec[0].toFixed(2), "median", rec[rounds >> 1].toFixed(2), "read us min", read[0].toFixed(2), "median", read[rounds >> 1].toFixed(2));
  process.exit(0);
}
const cpu: number[] = [];
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await step();
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / N);
}
cpu.sort((a, b) => a - b);
console.log(what, "cpu us min", cpu[0].toFixed(2), "median", cpu[rounds >> 1].toFixed(2));
