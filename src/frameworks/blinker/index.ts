/**
 * blinker: `from blinker import Namespace, signal, ANY` is `import { Namespace, signal, ANY } from "blinker"`.
 * Signals by name, receivers by sender (blinker/base.ts).
 */
export { ANY, NamedSignal, Namespace, Signal, default_namespace, signal } from "./base";
export type { Receiver, Response, SendKwargs } from "./base";
