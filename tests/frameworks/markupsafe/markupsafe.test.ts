/**
 * markupsafe: escaping, and Markup combining with plain text by escaping the text first.
 */
import { describe, expect, it } from "vitest";
import { Markup, escape, escape_silent, soft_str } from "../../../src/frameworks/markupsafe";

describe("markupsafe", () => {
  it("escapes the five HTML characters and returns Markup", () => {
    const m = escape(`<a href="x">Tom & 'Jerry'</a>`);
    expect(m).toBeInstanceOf(Markup);
    expect(m.valueOf()).toBe("&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  });

  it("does not escape Markup again, nor objects with __html__", () => {
    expect(escape(new Markup("<b>")).valueOf()).toBe("<b>");
    expect(escape({ __html__: () => "<i>x</i>" }).valueOf()).toBe("<i>x</i>");
  });

  it("escapes plain text joined or added to Markup", () => {
    expect(new Markup("<br>").join(["a", "<b>", new Markup("<i>")]).valueOf()).toBe("a<br>&lt;b&gt;<br><i>");
    expect(new Markup("<p>").add("<x>").valueOf()).toBe("<p>&lt;x&gt;");
  });

  it("turns None into an empty Markup only with escape_silent", () => {
    expect(escape_silent(null).valueOf()).toBe("");
    expect(escape(null).valueOf()).toBe("None");
  });

  it("soft_str keeps Markup and stringifies the rest Python's way", () => {
    const m = new Markup("<b>");
    expect(soft_str(m)).toBe(m);
    expect(soft_str(1.5)).toBe("1.5");
    expect(soft_str(true)).toBe("True");
  });

  it("striptags removes tags and comments, collapses spaces and unescapes", () => {
    expect(new Markup("<p>a  <!-- c --><i>b</i> &amp; c</p>").striptags()).toBe("a b & c");
  });
});
