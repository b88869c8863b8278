/**
 * Raw WSGI (the course's project 1): the learner's own PEP 3333 callable, served as it is. The
 * only framework is the one the learner writes, so the trace shows the gateway and whatever spans
 * the app opens itself through `lab/trace`.
 */
import type { ModeDescriptor } from "../types";

export const descriptor: ModeDescriptor = {
  id: "wsgi",
  title: "Raw WSGI",
  gateway: "wsgi",
  entry: [{ name: "application", example: "app.application", describes: "the WSGI callable" }],
  span_kinds: ["request", "gateway", "middleware", "resolver", "pattern", "view", "user", "module", "log"],
  panels: ["flow", "step", "timeline", "middleware", "urls", "request", "logs", "errors", "history"],
  first_file: ["app.ts", "app.js", "*.ts", "**/*.ts"],
  template_language: "html",
};
