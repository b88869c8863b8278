/* global setInterval, process */
// The fuzz CLI's hang watchdog (a worker thread): when the input counter the main thread bumps has
// not moved for 30 s, write which input hangs (straight to stderr: the main thread is stuck) and
// end the process.
import { writeSync } from "node:fs";
import { workerData } from "node:worker_threads";

const beat = new Int32Array(workerData.buffer);
let last = -1;
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(beat, 2);
  if (now !== last) {
    last = now;
    since = Date.now();
    return;
  }
  if (Date.now() - since > 30_000) {
    const name = workerData.names[Atomics.load(beat, 0)];
    const index = Atomics.load(beat, 1);
    writeSync(2, `\nfuzz: HANG (over 30 s) on target ${name}, input #${index} (replay: npm run fuzz -- --target ${name} --index ${index})\n`);
    process.kill(process.pid, "SIGKILL");
  }
}, 1000);
