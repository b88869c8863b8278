import { describe, expect, it } from "vitest";
import { fitTabs } from "../../../src/ui/shell/OverflowTabs";
import { shortcutOf } from "../../../src/ui/shell/shortcuts";

describe("one-row tab bar: which tabs show, the rest under More", () => {
  const widths = [60, 60, 90, 100, 70, 80];
  it("shows every tab when they fit", () => {
    expect(fitTabs(widths, 460, 0)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("shows the first tabs that fit beside the More button", () => {
    expect(fitTabs(widths, 300, 0, 84)).toEqual([0, 1, 2]);
  });
  it("keeps the selected tab visible, giving up tabs before it", () => {
    expect(fitTabs(widths, 300, 5, 84)).toEqual([0, 1, 5]);
    expect(fitTabs(widths, 150, 3, 84)).toEqual([3]);
  });
});

describe("page shortcuts", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; code: string }> = {}) => shortcutOf({ key: k, ctrlKey: false, metaKey: false, altKey: false, code: "", ...mods });
  it("Ctrl (or Cmd) with Enter, S, =, -, 0", () => {
    expect([key("Enter", { ctrlKey: true }), key("s", { metaKey: true }), key("=", { ctrlKey: true }), key("+", { ctrlKey: true }), key("-", { ctrlKey: true }), key("0", { ctrlKey: true })]).toEqual(["send", "share", "zoom-in", "zoom-in", "zoom-out", "zoom-reset"]);
  });
  it("leaves other keys alone", () => {
    expect([key("s"), key("=", { ctrlKey: true, altKey: true }), key("k", { ctrlKey: true })]).toEqual([null, null, null]);
  });
});
