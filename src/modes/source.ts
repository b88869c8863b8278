/**
 * Where the modes' code comes from: one line per mode, every mode imported (Node — the tests, the
 * CLI, the benchmarks — and `npm run dev`). The built page's runtime worker is bundled with this
 * file replaced by a lazy source (src/modes/lazy-source.ts, scripts/runtime-worker-bundle.ts): each
 * mode's code is evaluated only when a project of that mode loads or user code imports one of its
 * modules (docs/adr/0024-page-start-order.md). Adding a mode: a line here and one in
 * `descriptors.ts` (docs/adr/0011-framework-modes.md).
 */
import type { ModeSource } from "./types";
import { boot as wsgi } from "./wsgi/boot";
import { boot as django } from "./django/boot";
import { boot as flask } from "./flask/boot";
import { boot as channels } from "./channels/boot";
import { boot as fastapi } from "./fastapi/boot";

const ALL = [wsgi, django, flask, channels, fastapi];
// A name two modes provide is the later one's (as one virtualenv with both installed would have it).
const OWNERS = new Map(ALL.flatMap((mode) => Object.keys(mode.modules).map((name) => [name, mode.id] as const)));

export const MODE_SOURCE: ModeSource = {
  ids: ALL.map((mode) => mode.id),
  preloaded: ALL,
  load: (id) => ALL.find((mode) => mode.id === id) ?? null,
  owner_of: (name) => OWNERS.get(name) ?? null,
  names: () => [...OWNERS.keys()],
};
