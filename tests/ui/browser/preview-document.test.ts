/** The Preview document: external stylesheets and scripts become comments; Django admin pages get the Preview's admin stylesheet. */
import { describe, expect, it } from "vitest";
import { withoutExternalSubresources } from "../../../src/ui/browser/preview-document";
import { ADMIN_PREVIEW_CSS } from "../../../src/ui/browser/admin-preview-css";

describe("withoutExternalSubresources", () => {
  it("comments out linked stylesheets and scripts, keeps inline ones and data: URLs", () => {
    const html = '<head><link rel="stylesheet" href="/static/site.css"><link rel="icon" href="/favicon.ico"><script src="/static/app.js" defer></script><script>var a = 1;</script><link rel=stylesheet href="data:text/css,a{}"></head>';
    expect(withoutExternalSubresources(html)).toBe(
      '<head><!-- stylesheet /static/site.css (not loaded in the Preview) --><link rel="icon" href="/favicon.ico"><!-- script /static/app.js (not loaded in the Preview) --><script>var a = 1;</script><link rel=stylesheet href="data:text/css,a{}"></head>',
    );
  });

  it("gives Django's admin pages the Preview's admin stylesheet where base.css was linked", () => {
    const out = withoutExternalSubresources('<link rel="stylesheet" href="/static/admin/css/base.css">\n<p>x</p>');
    expect(out).toBe(`<!-- stylesheet /static/admin/css/base.css (not loaded in the Preview) --><style>${ADMIN_PREVIEW_CSS}</style>\n<p>x</p>`);
  });

  it("recognises the admin's stylesheet and icons under a relative STATIC_URL (none set: `admin/css/base.css`)", () => {
    const out = withoutExternalSubresources('<link rel="stylesheet" href="admin/css/base.css"><img src="admin/img/icon-no.svg" alt="False"><link rel="stylesheet" href="myadmin/css/base.css">');
    expect(out.startsWith(`<!-- stylesheet admin/css/base.css (not loaded in the Preview) --><style>${ADMIN_PREVIEW_CSS}</style><img src="data:image/svg+xml,`)).toBe(true);
    expect(out.endsWith('<!-- stylesheet myadmin/css/base.css (not loaded in the Preview) -->')).toBe(true);
  });

  it("stops at an unclosed script or tag and returns text without them unchanged", () => {
    expect(withoutExternalSubresources("<p>plain</p>")).toBe("<p>plain</p>");
    expect(withoutExternalSubresources('<script src="/a.js"><p>never closed')).toBe('<script src="/a.js"><p>never closed');
    const many = '<script src="/x.js">'.repeat(20_000);
    const started = performance.now();
    withoutExternalSubresources(many);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("a stranger's page cannot freeze the Preview's rewriting", () => {
  it("takes time linear in the page: tag openers inside one long tag are not tags (it took 28 s for 280 kB)", () => {
    for (const unit of ["<img", "<script", "<link", '<link rel="stylesheet" href="/a.css" x=<script '])
      for (const n of [10_000, 80_000]) {
        const html = unit.repeat(n) + ">";
        const started = performance.now();
        const out = withoutExternalSubresources(html);
        expect(performance.now() - started, `${n} × ${unit}`).toBeLessThan(1000);
        // One tag, and it holds no URL the Preview would load: left as it is.
        if (!unit.includes("href")) expect(out).toBe(html);
      }
  });
});

describe("images in the Preview", () => {
  it("draws the admin's icons and leaves other external images to their alt text", () => {
    const out = withoutExternalSubresources('<img src="/static/admin/img/icon-yes.svg" alt="True"><img alt="Logo" src="https://example.com/logo.png"><img src="data:image/png;base64,AA" alt="x">');
    expect(out).toMatch(/^<img src="data:image\/svg\+xml,[^"]+" alt="True"><img alt="Logo" src="data:,"><img src="data:image\/png;base64,AA" alt="x">$/);
  });
});
