import type { Rule } from "eslint";

/** lab/lazy-trace-attrs (lazy-trace-attrs.js): trace attrs are a function, never an object literal built at the call. */
declare const rule: Rule.RuleModule;
export default rule;
