/**
 * Monaco highlighting for Django templates: HTML with `{{ variable|filter }}`, `{% tag %}` and
 * `{# comment #}` on top (a Monarch tokenizer; no language server).
 */
import type { languages } from "monaco-editor/editor";

export const DJANGO_HTML_ID = "django-html";

const TAG_KEYWORDS = ["autoescape", "endautoescape", "block", "endblock", "comment", "endcomment", "csrf_token", "cycle", "debug", "extends", "filter", "endfilter", "firstof", "for", "empty", "endfor", "if", "elif", "else", "endif", "ifchanged", "endifchanged", "include", "load", "lorem", "now", "regroup", "resetcycle", "spaceless", "endspaceless", "templatetag", "url", "verbatim", "endverbatim", "widthratio", "with", "endwith", "in", "not", "and", "or", "is", "as", "only", "static"];

export const djangoHtmlLanguage: languages.IMonarchLanguage = {
  defaultToken: "",
  tokenPostfix: ".django",
  ignoreCase: true,
  keywords: TAG_KEYWORDS,
  tokenizer: {
    root: [
      [/\{#/, "comment", "@djangoComment"],
      [/\{%/, { token: "delimiter.django", next: "@djangoTag" }],
      [/\{\{/, { token: "delimiter.django", next: "@djangoVar" }],
      [/<!--/, "comment", "@htmlComment"],
      [/<!DOCTYPE/, "metatag", "@doctype"],
      [/(<)([\w-]+)/, ["delimiter", { token: "tag", next: "@tag" }]],
      [/(<\/)([\w-]+)(\s*)(>)/, ["delimiter", "tag", "", "delimiter"]],
      [/[^<{]+/, ""],
      [/[<{]/, ""],
    ],
    djangoComment: [
      [/#\}/, "comment", "@pop"],
      [/./, "comment"],
    ],
    htmlComment: [
      [/-->/, "comment", "@pop"],
      [/[^-]+/, "comment"],
      [/./, "comment"],
    ],
    doctype: [
      [/>/, "metatag", "@pop"],
      [/[^>]+/, "metatag.content"],
    ],
    djangoTag: [
      [/%\}/, { token: "delimiter.django", next: "@pop" }],
      [/"[^"]*"|'[^']*'/, "string"],
      [/\|[\w]+/, "predefined"],
      [/[a-zA-Z_][\w.]*/, { cases: { "@keywords": "keyword", "@default": "variable" } }],
      [/\d+/, "number"],
      [/[=<>!]+|:/, "operator"],
      [/\s+/, ""],
    ],
    djangoVar: [
      [/\}\}/, { token: "delimiter.django", next: "@pop" }],
      [/"[^"]*"|'[^']*'/, "string"],
      [/\|[\w]+/, "predefined"],
      [/[a-zA-Z_][\w.]*/, "variable"],
      [/\d+/, "number"],
      [/[:,]/, "operator"],
      [/\s+/, ""],
    ],
    tag: [
      [/\/?>/, { token: "delimiter", next: "@pop" }],
      [/\{\{/, { token: "delimiter.django", next: "@djangoVar" }],
      [/\{%/, { token: "delimiter.django", next: "@djangoTag" }],
      [/"[^"]*"|'[^']*'/, "attribute.value"],
      [/[\w-]+/, "attribute.name"],
      [/=/, "delimiter"],
      [/\s+/, ""],
    ],
  },
};

export const djangoHtmlConfiguration: languages.LanguageConfiguration = {
  comments: { blockComment: ["{#", "#}"] },
  brackets: [
    ["{%", "%}"],
    ["{{", "}}"],
    ["<", ">"],
  ],
  autoClosingPairs: [
    { open: "{%", close: " %}" },
    { open: "{{", close: " }}" },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};
