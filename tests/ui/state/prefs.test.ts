import { describe, expect, it } from "vitest";
import { defaultPrefs, FONT_SIZES, parsePrefs, persistPrefs, stepValue, ZOOM_STEPS } from "../../../src/ui/state/prefs";
import { createLabStore } from "../../../src/ui/state/store";

describe("preferences: layout, editor and keyboard choices kept across visits", () => {
  it("opens with the code's room at 1280 px and the lesson beside it on wide screens; Tab moves focus", () => {
    expect(defaultPrefs(1280)).toEqual({ sidebar: null, wordWrap: false, fontSize: 13, zoom: 1, tabIndents: false, presenterPanes: ["code", "framework", "flow"] });
    expect(defaultPrefs(1920).sidebar).toBe("lesson");
  });

  it("reads saved preferences field by field, ignoring what is not a valid value", () => {
    const d = defaultPrefs(1280);
    expect(parsePrefs('{"sidebar":"files","wordWrap":true,"fontSize":16,"zoom":1.25,"tabIndents":true,"presenterPanes":["flow","code","nope"]}', d)).toEqual({ sidebar: "files", wordWrap: true, fontSize: 16, zoom: 1.25, tabIndents: true, presenterPanes: ["code", "flow"] });
    expect(parsePrefs('{"sidebar":"other","fontSize":15,"zoom":9,"presenterPanes":[]}', d)).toEqual(d);
    expect(parsePrefs("not json", d)).toEqual(d);
    expect(parsePrefs("null", d)).toEqual(d);
  });

  it("steps zoom and font size through their lists, stopping at the ends", () => {
    expect(stepValue(ZOOM_STEPS, 1, 1)).toBe(1.1);
    expect(stepValue(ZOOM_STEPS, 1, -1)).toBe(0.9);
    expect(stepValue(ZOOM_STEPS, 2, 1)).toBe(2);
    expect(stepValue(FONT_SIZES, 13, 1)).toBe(14);
    expect(stepValue(FONT_SIZES, 11, -1)).toBe(11);
  });

  it("loads saved preferences into the store and saves each change", () => {
    const saved = new Map<string, string>([["framework-lab:prefs", '{"wordWrap":true}']]);
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const store = createLabStore({ prefs: defaultPrefs(1280) });
    persistPrefs(store, storage);
    expect(store.getState().prefs.wordWrap).toBe(true);
    store.setState({ prefs: { ...store.getState().prefs, fontSize: 18 } });
    expect(JSON.parse(saved.get("framework-lab:prefs")!)).toMatchObject({ wordWrap: true, fontSize: 18 });
  });
});
