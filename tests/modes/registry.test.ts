/**
 * The modes registry (src/modes/registry.ts) over a source that evaluates each mode on first use, as
 * the built page's worker does (src/modes/lazy-source.ts), and the build's mode table
 * (scripts/runtime-worker-bundle.ts) against the modes themselves.
 */
import { describe, expect, it } from "vitest";
import { mode_registry } from "../../src/modes/registry";
import { MODE_SOURCE } from "../../src/modes/source";
import type { BootContext, ModeBoot, ModeSource } from "../../src/modes/types";
import { modeTable } from "../../scripts/runtime-worker-bundle";

/** Two modes whose code "evaluates" only when loaded, recording what happens to each. */
function lazySource() {
  const events: string[] = [];
  const make = (id: string, modules: Record<string, Record<string, unknown>>): ModeBoot => {
    events.push(`evaluate ${id}`);
    return {
      id,
      modules,
      reset: () => events.push(`reset ${id}`),
      attach_project: ({ files }) => events.push(`project ${id} ${Object.keys(files).join(",")}`),
      attach_database: (driver) => events.push(`database ${id} ${driver ? "open" : "none"}`),
      boot: () => ({ interface: "wsgi", app: () => [] }),
    };
  };
  const owners: Record<string, string> = { alpha: "a", "alpha/sub": "a", beta: "b" };
  const source: ModeSource = {
    ids: ["a", "b"],
    preloaded: [],
    load: (id) => (id === "a" ? make("a", { alpha: { x: 1 }, "alpha/sub": { y: 2 } }) : id === "b" ? make("b", { beta: { z: 3 } }) : null),
    owner_of: (name) => owners[name] ?? null,
    names: () => Object.keys(owners),
  };
  return { source, events };
}

const context = (files: Record<string, string>): BootContext => ({ import_module: () => ({}), files });

describe("a registry over modes evaluated on first use", () => {
  it("lists every importable name without evaluating a mode, and evaluates a mode when one of its modules is read", () => {
    const { source, events } = lazySource();
    const registry = mode_registry(source, { python: { len: 1 } });
    expect(Object.keys(registry.FRAMEWORK_MODULES)).toEqual(["python", "alpha", "alpha/sub", "beta"]);
    expect("beta" in registry.FRAMEWORK_MODULES).toBe(true);
    expect("gamma" in registry.FRAMEWORK_MODULES).toBe(false);
    expect(registry.FRAMEWORK_MODULES["python"]).toEqual({ len: 1 });
    expect(events).toEqual([]);
    expect(registry.FRAMEWORK_MODULES["alpha/sub"]).toEqual({ y: 2 });
    expect(registry.FRAMEWORK_MODULES["alpha"]).toEqual({ x: 1 });
    expect(registry.FRAMEWORK_MODULES["gamma"]).toBeUndefined();
    expect(events).toEqual(["evaluate a"]);
    expect(registry.MODE_BOOTS.map((m) => m.id)).toEqual(["a"]);
  });

  it("refuses writes to the module table", () => {
    const { source } = lazySource();
    const modules = mode_registry(source, {}).FRAMEWORK_MODULES as Record<string, unknown>;
    expect(() => {
      "use strict";
      modules["alpha"] = {};
    }).toThrow(TypeError);
    expect(Reflect.deleteProperty(modules, "alpha")).toBe(false);
  });

  it("resets only the modes evaluated, and gives a mode evaluated late the current project and database", () => {
    const { source, events } = lazySource();
    const registry = mode_registry(source, {});
    registry.mode_boot("a");
    registry.reset_all_modes();
    registry.attach_project_to_modes(context({ "app.ts": "" }));
    registry.attach_database_to_modes(null);
    registry.attach_database_to_modes({} as never);
    expect(events.splice(0)).toEqual(["evaluate a", "reset a", "project a app.ts", "database a none", "database a open"]);
    expect(registry.mode_boot("b")?.id).toBe("b");
    expect(events.splice(0)).toEqual(["evaluate b", "project b app.ts", "database b open"]);
    expect(registry.mode_boot("b")).toBe(registry.MODE_BOOTS[1]);
    expect(registry.mode_boot("nope")).toBeNull();
    expect(events).toEqual([]);
    registry.attach_database_to_modes(null);
  });

  it("says so when a chunk holds another mode, or a mode lacks a module the table gives it", () => {
    const wrong: ModeSource = { ...lazySource().source, load: (id) => ({ ...(lazySource().source.load(id === "a" ? "b" : "a") as ModeBoot) }) };
    expect(() => mode_registry(wrong, {}).mode_boot("a")).toThrow('The runtime\'s mode "a" is a "b" mode: the build\'s mode table is wrong.');
    const missing: ModeSource = { ...lazySource().source, owner_of: (name) => (name === "alpha/other" ? "a" : null) };
    expect(() => mode_registry(missing, {}).FRAMEWORK_MODULES["alpha/other"]).toThrow('The runtime\'s mode "a" has no module "alpha/other"');
  });
});

describe("the build's mode table (scripts/runtime-worker-bundle.ts)", () => {
  it("lists the modes of src/modes/source.ts in order, and gives every importable module the mode that provides it", () => {
    const table = modeTable();
    expect(table.ids).toEqual([...MODE_SOURCE.ids]);
    expect(Object.keys(table.owners).sort()).toEqual([...MODE_SOURCE.names()].sort());
    for (const name of MODE_SOURCE.names()) expect([name, table.owners[name]]).toEqual([name, MODE_SOURCE.owner_of(name)]);
  });
});
