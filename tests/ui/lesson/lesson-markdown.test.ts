import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import LessonMarkdown from "../../../src/ui/lesson/LessonMarkdown";
import { MAX_EMPHASIS_DEPTH, parseInline, parseMarkdown, safeHref, type Inline } from "../../../src/ui/lesson/markdown";
import { BUILTIN_SCENARIOS } from "../../../src/scenarios/index";

const render = (text: string) => renderToStaticMarkup(createElement(LessonMarkdown, { text })).replace(/<!-- -->/g, "");

describe("lesson Markdown: what lessons use, rendered as React elements", () => {
  it("paragraphs with strong and plain emphasis, code spans, links and hard breaks", () => {
    expect(render("An iterable of **bytes**: `[b(\"Hi\")]`, *not* _str_.  \nSee [PEP 3333](https://peps.python.org/pep-3333/).\n\nNext paragraph")).toBe(
      '<div class="lesson-text"><p>An iterable of <strong>bytes</strong>: <code>[b(&quot;Hi&quot;)]</code>, <em>not</em> <em>str</em>.<br/>See <a href="https://peps.python.org/pep-3333/" target="_blank" rel="noopener noreferrer nofollow">PEP 3333</a>.</p><p>Next paragraph</p></div>',
    );
  });

  it("headings, numbered lists with continuation lines, bullet lists, quotes, fenced code and rules", () => {
    const text = ["### Project 9", "", "1. **Connect** — the handshake", "   goes on here.", "2. Send", "", "- a", "- b", "  - nested", "", "> a quote", "", "```ts", "const x = 1 * 2 * 3;", "```", "", "---"].join("\n");
    expect(render(text)).toBe(
      '<div class="lesson-text"><h3>Project 9</h3><ol><li><strong>Connect</strong> — the handshake\ngoes on here.</li><li>Send</li></ol><ul><li>a</li><li><p>b</p><ul><li>nested</li></ul></li></ul><blockquote><p>a quote</p></blockquote><pre><code>const x = 1 * 2 * 3;</code></pre><hr/></div>',
    );
  });

  it("an ordered list keeps its first number", () => {
    expect(parseMarkdown("3. three\n4. four")).toEqual([{ type: "list", ordered: true, start: 3, items: [[{ type: "paragraph", children: [{ type: "text", text: "three" }] }], [{ type: "paragraph", children: [{ type: "text", text: "four" }] }]] }]);
  });

  it("emphasis follows CommonMark's flanking rules: snake_case and 2 * 3 * 4 stay text", () => {
    expect(parseInline("call get_response_for_request with 2 * 3 * 4")).toEqual([{ type: "text", text: "call get_response_for_request with 2 * 3 * 4" }]);
    expect(parseInline("***both***")).toEqual([{ type: "em", children: [{ type: "strong", children: [{ type: "text", text: "both" }] }] }]);
    expect(parseInline("**unclosed and *em*")).toEqual([{ type: "text", text: "**unclosed and " }, { type: "em", children: [{ type: "text", text: "em" }] }]);
    expect(parseInline("\\*literal\\*")).toEqual([{ type: "text", text: "*literal*" }]);
  });

  it("brackets that make no link stay text, with their emphasis inside", () => {
    expect(parseInline("[not a link] and [**x**]")).toEqual([{ type: "text", text: "[not a link] and [" }, { type: "strong", children: [{ type: "text", text: "x" }] }, { type: "text", text: "]" }]);
    expect(parseInline("[a](has space)")).toEqual([{ type: "text", text: "[a](has space)" }]);
  });

  it("every built-in lesson renders with no Markdown left over as text", () => {
    for (const [id, scenario] of Object.entries(BUILTIN_SCENARIOS)) {
      if (!scenario.lesson) continue;
      const html = render(scenario.lesson);
      expect(html, id).not.toMatch(/\*\*|(^|[^`])`[^`]|^#/m);
    }
  });
});

describe("lesson Markdown from strangers: nothing runs or loads", () => {
  it("shows raw HTML as text, drops javascript: links and shows images as their text", () => {
    const html = render('<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n[click](javascript:void0) [call](javascript:alert(3)) ![a cat](https://tracker.example/cat.png)');
    expect(html).toBe(
      '<div class="lesson-text"><p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p><p>click [call](javascript:alert(3)) <span class="lesson-image">[image: a cat]</span></p></div>',
    );
  });

  it("keeps links to the web, mail and this page; drops other schemes", () => {
    expect(["https://x.example/a", "mailto:a@b.c", "/docs", "#part", "data:text/html,x", "JAVASCRIPT:alert(1)", "vbscript:x"].map(safeHref)).toEqual(["https://x.example/a", "mailto:a@b.c", "/docs", "#part", "", "", ""]);
  });

  it("nests emphasis at most MAX_EMPHASIS_DEPTH deep (the rest stays text), so a crafted lesson cannot overflow the renderer", () => {
    const depth = (nodes: Inline[]): number => Math.max(0, ...nodes.map((n) => ("children" in n ? 1 + depth(n.children) : 0)));
    for (const text of ["*".repeat(40_000) + "a" + "*".repeat(40_000), "*_".repeat(20_000) + "a" + "_*".repeat(20_000), "[*".repeat(30) + "a" + "*](b)".repeat(30)]) {
      const [paragraph] = parseMarkdown(text);
      expect(paragraph.type).toBe("paragraph");
      const children = paragraph.type === "paragraph" ? paragraph.children : [];
      expect(depth(children)).toBeLessThanOrEqual(MAX_EMPHASIS_DEPTH + 32);
      expect(render(text).length).toBeGreaterThan(text.length / 4);
    }
    expect(render("*_*a*_*")).toBe('<div class="lesson-text"><p><em><em><em>a</em></em></em></p></div>');
    const deep = "**".repeat(MAX_EMPHASIS_DEPTH + 4) + "a" + "**".repeat(MAX_EMPHASIS_DEPTH + 4);
    const [p] = parseMarkdown(deep);
    expect(p.type === "paragraph" && depth(p.children)).toBe(MAX_EMPHASIS_DEPTH);
    // The unpaired delimiters are text on both sides of the nested strong emphasis.
    expect(render(deep)).toMatch(/^<div class="lesson-text"><p>\*{8}(<strong>){16}a(<\/strong>){16}\*{8}<\/p><\/div>$/);
  });

  it("parses crafted lessons in time proportional to their length", () => {
    const shapes: [string, (n: number) => string][] = [
      ["open brackets", (n) => "[".repeat(n)],
      ["link openers", (n) => "[a](".repeat(n)],
      ["emphasis runs", (n) => "*a".repeat(n)],
      ["nested emphasis", (n) => "*".repeat(n) + "a" + "*".repeat(n)],
      ["underscores", (n) => "_a ".repeat(n)],
      ["backtick runs", (n) => Array.from({ length: n }, (_, i) => "`".repeat((i % 50) + 1) + "x").join("")],
      ["nested lists", (n) => "- ".repeat(n) + "a"],
      ["nested quotes", (n) => "> ".repeat(n) + "a"],
      ["list lines", (n) => Array.from({ length: n }, (_, i) => " ".repeat(i % 40) + "- a").join("\n")],
      ["broken-line paragraph", (n) => "a  \n".repeat(n)],
      ["mixed", (n) => "**_[`*".repeat(n)],
    ];
    // CPU time (a loaded machine's other processes do not count), the least of three runs (nor do a
    // garbage collection's pauses), in ms.
    const cpu = () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    };
    const time = (text: string) => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const started = cpu();
        parseMarkdown(text);
        best = Math.min(best, cpu() - started);
      }
      return best;
    };
    for (const [name, make] of shapes) {
      time(make(4000)); // warm up
      // Large enough that the JIT and the collector's rhythm do not dominate the small run.
      const small = Math.max(time(make(20_000)), 3);
      const large = time(make(80_000));
      // Four times the input: linear work takes about four times as long; quadratic would take sixteen.
      // The bound sits below sixteen with room for noise: process.cpuUsage counts the whole process,
      // so the other test files Vitest runs in parallel threads add to both runs (10.75 seen at
      // load 15 with a limit of 10).
      expect(large / small, `${name}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms`).toBeLessThan(12);
      expect(large, name).toBeLessThan(4000);
    }
    // CPU time is what is measured; a loaded machine stretches the wall time the runner counts.
  }, 120_000);
});
