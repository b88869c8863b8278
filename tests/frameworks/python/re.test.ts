import { describe, expect, it } from "vitest";
import * as re from "../../../src/frameworks/python/re";

describe("python re: Python meaning of constructs JavaScript reads differently", () => {
  it("\\w and \\d are Unicode for str patterns (JS \\w is ASCII-only)", () => {
    expect(re.fullmatch("\\w+", "héllo_1")?.group()).toBe("héllo_1");
    expect(re.fullmatch("\\d+", "٢٠٠٣")?.group()).toBe("٢٠٠٣");
    expect(re.fullmatch("\\w+", "héllo", re.ASCII)).toBeNull();
  });

  it("\\s is str.isspace(): \\x1c counts, \\ufeff does not", () => {
    expect(re.fullmatch("\\s", "\x1c")).not.toBeNull();
    expect(re.fullmatch("\\s", "\ufeff")).toBeNull();
  });

  it("\\b uses Unicode word characters", () => {
    expect(re.search("\\bfoo\\b", "éfoo")).toBeNull();
    expect(re.search("\\bfoo\\b", "é foo")?.span()).toEqual([2, 5]);
  });

  it("$ also matches before a final newline; \\Z does not", () => {
    expect(re.search("^a$", "a\n")?.group()).toBe("a");
    expect(re.search("^a\\Z", "a\n")).toBeNull();
    expect(re.search("a$", "a\nb")).toBeNull();
    expect(re.search("a$", "a\nb", re.MULTILINE)?.start()).toBe(0);
  });

  it(". refuses only \\n (JS also refuses \\r); DOTALL takes everything", () => {
    expect(re.fullmatch("x.y", "x\ry")).not.toBeNull();
    expect(re.fullmatch("x.y", "x\ny")).toBeNull();
    expect(re.fullmatch("x.y", "x\ny", re.DOTALL)).not.toBeNull();
  });

  it("named groups, back-references, groupdict in pattern order, unmatched groups as null", () => {
    const m = re.match("(?P<b>x)(?P<a>y)?(?P=b)", "xx")!;
    expect(m.groupdict()).toEqual({ b: "x", a: null });
    expect(m.groups()).toEqual(["x", null]);
    expect(m.group("b")).toBe("x");
    expect(m.span("b")).toEqual([0, 1]);
    expect(m.span(2)).toEqual([-1, -1]);
  });

  it("search, match and fullmatch differ as in Python", () => {
    expect(re.search("b", "abc")?.start()).toBe(1);
    expect(re.match("b", "abc")).toBeNull();
    expect(re.fullmatch("a|ab", "ab")?.group()).toBe("ab");
  });

  it("inline flags: global at the start, scoped (?i:…) emulated, verbose", () => {
    expect(re.compile("(?i)abc").flags).toBe(re.IGNORECASE | re.UNICODE);
    expect(re.fullmatch("(?i)abc", "ABC")).not.toBeNull();
    expect(re.fullmatch("a(?i:b)c", "aBc")).not.toBeNull();
    expect(re.fullmatch("a(?i:b)c", "aBC")).toBeNull();
    expect(re.fullmatch("(?x) a b  # comment\n c", "abc")).not.toBeNull();
  });

  it("braces: {,n}, {} and a lone { read as Python reads them", () => {
    expect(re.match("a{,2}", "aaa")?.group()).toBe("aa");
    expect(re.fullmatch("a{", "a{")).not.toBeNull();
    expect(re.fullmatch("x{}", "xxx")).not.toBeNull();
  });

  it("classes with \\W inside (not expressible in a JS class) and a leading ]", () => {
    expect(re.search("[\\W]+", "é!?")?.group()).toBe("!?");
    expect(re.search("[^\\W\\d]+", "ab1")?.group()).toBe("ab");
    expect(re.fullmatch("[]a]+", "a]")).not.toBeNull();
  });

  it.each([
    ["(a", "missing ), unterminated subpattern at position 0"],
    ["a)", "unbalanced parenthesis at position 1"],
    ["[a", "unterminated character set at position 0"],
    ["a**", "multiple repeat at position 2"],
    ["*a", "nothing to repeat at position 0"],
    ["\\q", "bad escape \\q at position 0"],
    ["(?P<a>x)(?P<a>y)", "redefinition of group name 'a' as group 2; was group 1 at position 12"],
    ["(?P=b)", "unknown group name 'b' at position 4"],
    ["a(?i)b", "global flags not at the start of the expression at position 1"],
    ["[z-a]", "bad character range z-a at position 1"],
    ["(?<x>a)", "unknown extension ?<x at position 1"],
    ["a{3,1}", "min repeat greater than max repeat at position 2"],
  ])("invalid pattern %j raises re.error %j", (pattern, message) => {
    let caught: unknown;
    try {
      re.compile(pattern);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(re.error);
    expect((caught as Error).message).toBe(message);
    expect((caught as Error).constructor.name).toBe("error");
  });

  it("escape() escapes Python's special set only", () => {
    expect(re.escape("a-b/c.d é_~%#&")).toBe("a\\-b/c\\.d\\ é_\\~%\\#\\&");
  });

  it("sub, findall, split with groups", () => {
    expect(re.sub("(\\w)x", "\\1-", "axbx")).toBe("a-b-");
    expect(re.sub("(?P<n>\\d)", "<\\g<n>>", "a1")).toBe("a<1>");
    expect(re.findall("(\\d)(\\w)", "1a2b")).toEqual([["1", "a"], ["2", "b"]]);
    expect(re.split("(,)", "a,b")).toEqual(["a", ",", "b"]);
  });

  it("compile() caches: the same (pattern, flags) gives the same Pattern", () => {
    expect(re.compile("x+")).toBe(re.compile("x+"));
    expect(re.compile("x+")).not.toBe(re.compile("x+", re.I));
  });

  it("Match repr is Python's", () => {
    expect(re.search("b+", "abbc")!.__repr__()).toBe("<re.Match object; span=(1, 3), match='bb'>");
  });
});
