/**
 * The framework modes, as data: one line per mode. The scenario parser validates `framework` and
 * `entry` against these; the page picks panels, the first file and the template language from
 * them. Pure data — safe for the page's bundle (the code side is `index.ts`).
 */
import type { ModeDescriptor } from "./types";
import { descriptor as wsgi } from "./wsgi/descriptor";
import { descriptor as django } from "./django/descriptor";
import { descriptor as flask } from "./flask/descriptor";
import { descriptor as channels } from "./channels/descriptor";
import { descriptor as fastapi } from "./fastapi/descriptor";

export const MODE_DESCRIPTORS: readonly ModeDescriptor[] = [
  wsgi,
  django,
  flask,
  channels,
  fastapi,
];

/** The descriptor of a mode by id, or null for an unknown one. */
export function mode_descriptor(id: string): ModeDescriptor | null {
  return MODE_DESCRIPTORS.find((mode) => mode.id === id) ?? null;
}

/** `**` matches across path segments, `*` within one. */
function glob_regex(pattern: string): RegExp {
  const source = pattern.split("**").map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")).join(".*");
  return new RegExp(`^${source.replace(/\.\*\//g, "(?:.*/)?")}$`);
}

/** The file to open first in a project of this mode: the first path matching the mode's patterns, tried in turn. */
export function first_file(mode: ModeDescriptor | null, paths: readonly string[]): string | null {
  for (const pattern of mode?.first_file ?? []) {
    const regex = glob_regex(pattern);
    const hit = paths.find((path) => regex.test(path));
    if (hit) return hit;
  }
  return paths[0] ?? null;
}
