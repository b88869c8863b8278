/** A decompression bomb in a link stops at the inflate cap with a clear PermalinkError, quickly. */
import { describe, expect, it } from "vitest";
import { zlibSync } from "fflate";
import { decodePermalink, MAX_INFLATED_BYTES, PermalinkError, toBase64Url } from "../../../src/ui/share/permalink";

describe("permalink inflate cap", () => {
  it("refuses a link that inflates past 16 MiB (64 MiB of zeros in 64 kB) without unpacking it all", () => {
    const bomb = `v1.${toBase64Url(zlibSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(100_000);
    const start = performance.now();
    let error: unknown = null;
    try {
      decodePermalink(bomb);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermalinkError);
    expect((error as Error).message).toBe("This link is too large: it unpacks to more than 16 MB, more than any scenario can hold. It was not opened.");
    expect(performance.now() - start).toBeLessThan(5000); // ~0.2 s warm; unpacking all 64 MiB, then JSON.parse, took several times that
    expect(MAX_INFLATED_BYTES).toBe(16 * 1024 * 1024);
  });
});
