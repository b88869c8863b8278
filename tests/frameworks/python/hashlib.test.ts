import { describe, expect, it } from "vitest";
import { md5 } from "../../../src/frameworks/python/hashlib";

describe("python hashlib.md5", () => {
  it("matches RFC 1321 test vectors and multi-block input", () => {
    expect(md5("abc").hexdigest()).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5("").hexdigest()).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5("a".repeat(200)).hexdigest()).toBe("887f30b43b2867f4a9accceee7d16e6c");
  });
  it("hashes successive updates as one message (Django's names_digest)", () => {
    expect(md5().update("library_book").update("author_id").hexdigest().slice(0, 8)).toBe("d9a3b67e");
  });
});
