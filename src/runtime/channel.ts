/**
 * The runtime's private channel: how the page, the sandbox frame and the runtime worker are wired,
 * and the two messages the worker speaks beyond protocol.ts. Types and constants only (the page,
 * the worker and the frame's bootstrap all follow it). See docs/adr/0019-runtime-isolation.md.
 *
 *   page ──(control MessagePort)──▶ sandbox frame (public/runtime-frame.html, opaque origin)
 *     frame: {type: "spawn", generation, port}  → new Worker(blob: runtime bundle), then
 *            posts {type: "boot", generation, wasm} to the worker, transferring `port`
 *   page ◀──(one MessagePort per worker generation)──▶ runtime worker
 *     the worker keeps the port in a closure before any user module runs; `self.onmessage` and
 *     `self.postMessage` are not part of the protocol, so user code that replaces or calls them
 *     reaches nobody.
 */
import type { PageToWorker, WorkerToPage } from "./protocol";

/** Page → worker, beyond protocol.ts: the database image to reopen at the next load (a restore). */
export type WorkerExtensionIn = { type: "restore-database"; image: Uint8Array };
/** Worker → page, beyond protocol.ts: the database image after call `id` changed it (sent just before its reply). */
export type WorkerExtensionOut = { type: "database"; id: number; image: Uint8Array };

export type ChannelIn = PageToWorker | WorkerExtensionIn;
export type ChannelOut = WorkerToPage | WorkerExtensionOut;

/** Frame → worker, once, on `self.onmessage`: the protocol port and sql.js' WebAssembly. */
export interface BootMessage {
  type: "boot";
  generation: number;
  /** A compiled module (same agent cluster as the frame) or the .wasm bytes. */
  wasm: WebAssembly.Module | ArrayBuffer;
  /**
   * Modes to evaluate once the runtime is ready, before any call: the page's guess of the first
   * project's mode (sandbox-start.ts), so its code is compiled while the page is still starting.
   * Ids only (checked by the frame and again here); a wrong guess costs time, never behaviour.
   */
  warm?: string[];
}
