/**
 * Monaco highlighting for Jinja templates (Flask's): HTML with `{{ expression }}`, `{% statement %}`
 * and `{# comment #}` on top, where expressions are Python-like (strings, numbers, operators,
 * `|filter`, `is test`, calls). A Monarch tokenizer only; the Flask mode names `JINJA_HTML_ID` as
 * its template language.
 */
import type { languages } from "monaco-editor/editor";

export const JINJA_HTML_ID = "jinja-html";

const STATEMENTS = ["if", "elif", "else", "endif", "for", "endfor", "in", "recursive", "block", "endblock", "scoped", "required", "extends", "include", "import", "from", "as", "with", "without", "context", "ignore", "missing", "endwith", "set", "endset", "macro", "endmacro", "call", "endcall", "filter", "endfilter", "autoescape", "endautoescape", "raw", "endraw", "print", "and", "or", "not", "is", "true", "false", "none", "True", "False", "None", "loop", "super", "self", "caller", "varargs", "kwargs"];

export const jinjaHtmlLanguage: languages.IMonarchLanguage = {
  defaultToken: "",
  tokenPostfix: ".jinja",
  keywords: STATEMENTS,
  tokenizer: {
    root: [
      [/\{#-?/, "comment", "@jinjaComment"],
      [/\{%[-+]?\s*raw\s*[-+]?%\}/, { token: "delimiter.jinja", next: "@raw" }],
      [/\{%[-+]?/, { token: "delimiter.jinja", next: "@statement" }],
      [/\{\{-?/, { token: "delimiter.jinja", next: "@expression" }],
      [/<!--/, "comment", "@htmlComment"],
      [/<!DOCTYPE/, "metatag", "@doctype"],
      [/(<)([\w-]+)/, ["delimiter", { token: "tag", next: "@tag" }]],
      [/(<\/)([\w-]+)(\s*)(>)/, ["delimiter", "tag", "", "delimiter"]],
      [/[^<{]+/, ""],
      [/[<{]/, ""],
    ],
    jinjaComment: [
      [/-?#\}/, "comment", "@pop"],
      [/./, "comment"],
    ],
    raw: [
      [/\{%[-+]?\s*endraw\s*[-+]?%\}/, { token: "delimiter.jinja", next: "@pop" }],
      [/[^{]+|\{/, "string"],
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
    statement: [[/[-+]?%\}/, { token: "delimiter.jinja", next: "@pop" }], { include: "@expr" }],
    expression: [[/-?\}\}/, { token: "delimiter.jinja", next: "@pop" }], { include: "@expr" }],
    expr: [
      [/"([^"\\]|\\.)*"|'([^'\\]|\\.)*'/, "string"],
      [/\|\s*[A-Za-z_]\w*/, "predefined"],
      [/[A-Za-z_]\w*/, { cases: { "@keywords": "keyword", "@default": "variable" } }],
      [/\d[\d_]*(\.\d+)?([eE][+-]?\d+)?/, "number"],
      [/[=<>!]=?|[-+*/%~]|\*\*|\/\//, "operator"],
      [/[()[\]{},.:]/, "delimiter"],
      [/\s+/, ""],
    ],
    tag: [
      [/\/?>/, { token: "delimiter", next: "@pop" }],
      [/\{\{-?/, { token: "delimiter.jinja", next: "@expression" }],
      [/\{%[-+]?/, { token: "delimiter.jinja", next: "@statement" }],
      [/"[^"]*"|'[^']*'/, "attribute.value"],
      [/[\w-]+/, "attribute.name"],
      [/=/, "delimiter"],
      [/\s+/, ""],
    ],
  },
};

export const jinjaHtmlConfiguration: languages.LanguageConfiguration = {
  comments: { blockComment: ["{#", "#}"] },
  brackets: [
    ["{%", "%}"],
    ["{{", "}}"],
    ["(", ")"],
    ["[", "]"],
  ],
  autoClosingPairs: [
    { open: "{%", close: " %}" },
    { open: "{{", close: " }}" },
    { open: "(", close: ")" },
    { open: "[", close: "]" },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};
