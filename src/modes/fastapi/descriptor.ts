/**
 * FastAPI (the course's project 8): an ASGI application — `app = FastAPI(...)` in a module the
 * scenario's entry names (`uvicorn main:app` → `{ kind: "fastapi", app: "main.app" }`), served
 * through the ASGI gateway. The trace shows the ASGI messages, Starlette's middleware and router,
 * the dependencies FastAPI solved, each parameter validated, the handler, the response model and
 * the background tasks.
 */
import type { ModeDescriptor } from "../types";

export const descriptor: ModeDescriptor = {
  id: "fastapi",
  title: "FastAPI",
  gateway: "asgi",
  entry: [{ name: "app", example: "main.app", describes: "the FastAPI (or Starlette, or any ASGI) application object" }],
  span_kinds: ["request", "gateway", "asgi", "middleware", "resolver", "pattern", "dependency", "validation", "view", "exception", "task", "handler", "module", "log", "user"],
  panels: ["flow", "step", "timeline", "validation", "dependencies", "openapi", "asgi", "middleware", "urls", "request", "logs", "errors", "history"],
  first_file: ["main.ts", "**/main.ts", "app.ts", "**/*.ts"],
  // Jinja2Templates (fastapi.templating) renders `.html` files as Jinja templates.
  template_language: "jinja",
};
