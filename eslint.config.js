// One linter for the whole tree. The part that matters most is the import-direction rule:
// DESIGN.md's arrows (ui → runtime(protocol) → trace; frameworks → trace; modes → frameworks,
// gateway, trace; runtime → modes, frameworks, gateway, trace; ui → modes' descriptors) are
// enforced here with per-folder `no-restricted-imports` patterns.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import lazy_trace_attrs from "./eslint-rules/lazy-trace-attrs.js";

const forbid = (...groups) => ({
  "no-restricted-imports": ["error", { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

const DOM_AND_RUNTIME_LIBS = ["react", "react-*", "react/*", "@xyflow/*", "zustand", "zustand/*", "monaco-editor", "monaco-editor/*", "sql.js", "sucrase", "sucrase/*"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "public/**", "**/*.d.ts", "tests/learner/projects/**", "tests/learner-flask/projects/**", "tests/frameworks/fastapi/tutorial/*.files/**", "tests/frameworks/django/test/projects/**", "tests/frameworks/flask/cli/commands/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Django's names are snake_case and its classes use `this`-less helpers; keep lint about bugs.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-this-alias": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "no-control-regex": "off",
      "prefer-const": "error",
    },
  },
  {
    // Trace attrs are built lazily: `() => ({ ... })`, never an object literal at the call (docs/tracing.md).
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { lab: { rules: { "lazy-trace-attrs": lazy_trace_attrs } } },
    rules: { "lab/lazy-trace-attrs": "error" },
  },
  {
    files: ["src/trace/**"],
    rules: forbid(
      [["**/frameworks/**", "**/runtime/**", "**/gateway/**", "**/ui/**", "**/scenarios/**", ...DOM_AND_RUNTIME_LIBS], "trace/ imports nothing: it is the contract every layer shares."],
    ),
  },
  {
    files: ["src/frameworks/**"],
    rules: forbid(
      [["**/runtime/**", "**/ui/**", "**/gateway/**", "**/scenarios/**", "**/cli/**", ...DOM_AND_RUNTIME_LIBS, "node:*", "fs", "path", "worker_threads"],
        "frameworks/ is pure TypeScript: it may import only itself and trace/ (DESIGN.md, 'Imports point one way')."],
    ),
  },
  {
    files: ["src/gateway/**"],
    rules: forbid(
      [["**/runtime/**", "**/ui/**", "**/frameworks/**", "**/scenarios/**", ...DOM_AND_RUNTIME_LIBS, "node:*"],
        "gateway/ is the simulated web server: HTTP messages ↔ WSGI environ; it imports only trace/."],
    ),
  },
  {
    files: ["src/modes/**"],
    rules: forbid(
      [["**/runtime/**", "**/ui/**", "**/scenarios/**", "**/cli/**", ...DOM_AND_RUNTIME_LIBS], "modes/ plug frameworks into the gateway: they import frameworks/, gateway/ and trace/, never the runtime or the UI."],
    ),
  },
  {
    // The data half of a mode is read by the page and the scenario parser: types only from the frameworks.
    files: ["src/modes/descriptors.ts", "src/modes/types.ts", "src/modes/*/descriptor.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/frameworks/**", "**/gateway/**", "**/runtime/**", "**/ui/**", "./index", "./*/boot", "./*/modules", "../*/boot", "./boot", "./modules"], message: "A mode's descriptor is pure data (the page imports it): import types only.", allowTypeImports: true }] }],
    },
  },
  {
    files: ["src/runtime/**"],
    rules: forbid([["**/ui/**", "react", "react-*", "react/*", "@xyflow/*", "zustand", "monaco-editor", "monaco-editor/*"], "runtime/ never imports the UI."]),
  },
  {
    files: ["src/ui/**"],
    rules: forbid(
      [["**/frameworks/**", "**/gateway/**", "sql.js", "sucrase", "sucrase/*"], "ui/ talks to user code only through runtime/protocol (DESIGN.md)."],
      [["**/runtime/*", "!**/runtime/protocol", "!**/runtime/protocol.ts", "!**/runtime/client", "!**/runtime/client.ts"], "ui/ may import only runtime/protocol and runtime/client."],
    ),
  },
);
