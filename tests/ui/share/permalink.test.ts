import { describe, expect, it } from "vitest";
import { zlibSync, strToU8, unzlibSync } from "fflate";
import { deflateSync } from "node:zlib";
import { decodePermalink, encodePermalink, fromBase64Url, isPermalinkHash, LONG_LINK_CHARS, MAX_INFLATED_BYTES, PermalinkError, toBase64Url, type SharedState } from "../../../src/ui/share/permalink";
import { django_hello } from "../../../src/scenarios/django-hello";

const state: SharedState = {
  scenario: { ...django_hello, files: { ...django_hello.files, "hello/views.ts": django_hello.files["hello/views.ts"].replace("Framework Lab", "Edited — ünïcode ✓") } },
  request: 2,
  step: 7,
};

describe("permalink v1", () => {
  it("round-trips files, scripted requests, the selected request and step", () => {
    const link = encodePermalink(state);
    expect(link.startsWith("v1.")).toBe(true);
    expect(isPermalinkHash(`#${link}`)).toBe(true);
    expect(decodePermalink(`#${link}`)).toEqual(state);
    expect(decodePermalink(link)).toEqual(state);
  });

  it("keeps the default scenario's link well under the length chat tools cut", () => {
    expect(encodePermalink(state).length).toBeLessThan(LONG_LINK_CHARS / 2);
  });

  it("rejects a link cut off in the middle as damaged", () => {
    const link = encodePermalink(state);
    expect(() => decodePermalink(link.slice(0, Math.floor(link.length * 0.7)))).toThrow(/damaged.*cut off/);
    expect(() => decodePermalink(link.slice(0, -2))).toThrow(PermalinkError);
  });

  it("rejects a corrupted link (changed characters, foreign characters)", () => {
    const link = encodePermalink(state);
    const i = Math.floor(link.length / 2);
    const flipped = link.slice(0, i) + (link[i] === "A" ? "B" : "A") + link.slice(i + 1);
    expect(() => decodePermalink(flipped)).toThrow(/damaged/);
    expect(() => decodePermalink("v1.not*base64!")).toThrow(/damaged/);
    expect(() => decodePermalink("v1.")).toThrow(/damaged/);
  });

  it("says a newer version's link needs a newer page", () => {
    expect(() => decodePermalink("#v2.abcd")).toThrow(/newer version of Framework Lab \(format v2; this page reads up to v1\)/);
    expect(() => decodePermalink("#v0.abcd")).toThrow(/not one Framework Lab ever issued/);
    expect(() => decodePermalink("#hello")).toThrow(/not a Framework Lab link/);
    expect(isPermalinkHash("#section-2")).toBe(false);
  });

  it("validates the scenario inside (a well-formed link with a bad scenario)", () => {
    const bad = `v1.${toBase64Url(zlibSync(strToU8(JSON.stringify({ scenario: { ...state.scenario, files: { "../etc/passwd": "" } }, request: null, step: null }))))}`;
    expect(() => decodePermalink(bad)).toThrow(/scenario is not valid: scenario.files: "..\/etc\/passwd" is not a relative path/);
    const badIndex = `v1.${toBase64Url(zlibSync(strToU8(JSON.stringify({ scenario: state.scenario, request: 99, step: null }))))}`;
    expect(() => decodePermalink(badIndex)).toThrow(/selected request \(99\) does not exist/);
  });

  it("base64url-encodes large data without overflowing the stack", () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);
    expect(fromBase64Url(toBase64Url(big))).toEqual(big);
  });

  it("refuses a decompression bomb as soon as it inflates past the limit, before inflating the rest", () => {
    // 64 MB of spaces deflate to about 64 kB (the 958 kB link asked for 700 MB and froze the page for 15 s).
    const bomb = new Uint8Array(deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    expect(bomb.length).toBeLessThan(100_000);
    // CPU time: on a shared machine, elapsed time measures the other processes as much as this one.
    const cpu_ms = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const link = `v1.${toBase64Url(bomb)}`;
    let started = process.cpuUsage();
    expect(unzlibSync(bomb)).toHaveLength(64 * 1024 * 1024);
    const whole = cpu_ms(started);
    started = process.cpuUsage();
    expect(() => decodePermalink(link)).toThrow(new PermalinkError("This link is too large: it unpacks to more than 16 MB, more than any scenario can hold. It was not opened."));
    // It stopped at a quarter of the output: less work than inflating the whole (measured side by side).
    expect(cpu_ms(started)).toBeLessThan(whole);
  });

  it("the limit is far above the largest valid scenario, which still opens", () => {
    const big = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`notes/${i}.md`, "é".repeat(499_000)]));
    const link = encodePermalink({ ...state, scenario: { ...state.scenario, files: { ...state.scenario.files, ...big } } });
    expect(decodePermalink(link).scenario.files["notes/2.md"]).toHaveLength(499_000);
    expect(3 * 499_000 * 2).toBeLessThan(MAX_INFLATED_BYTES);
  });
});
