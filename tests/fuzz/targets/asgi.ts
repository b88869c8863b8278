/**
 * Fuzz target: an HTTP request message → the ASGI http scope (src/gateway/asgi-scope.ts, as
 * uvicorn builds it) → serve_asgi with an application that reads the scope and the whole body.
 * `serve_asgi` documents no error: whatever arrives, the answer is a response.
 */
import { serve_asgi, type ASGIApplication } from "../../../src/gateway/asgi";
import type { HttpRequestMessage } from "../../../src/gateway/exchange";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { define_target, preview } from "../target";
import { message_size, random_message, REQUEST_LINE_LIMIT, stress_message } from "./http-messages";

const app: ASGIApplication = async (scope, receive, send) => {
  let n = 0;
  for (const [name, value] of (scope as { headers: [Uint8Array, Uint8Array][] }).headers) n += name.length + value.length;
  let more = true;
  while (more) {
    const message = (await receive()) as { body?: Uint8Array; more_body?: boolean };
    n += message.body?.length ?? 0;
    more = Boolean(message.more_body);
  }
  await send({ type: "http.response.start", status: 200, headers: [[new TextEncoder().encode("content-type"), new TextEncoder().encode("text/plain")]] });
  await send({ type: "http.response.body", body: new TextEncoder().encode(String(n + String((scope as { path: string }).path).length)) });
};

export const asgi = define_target<HttpRequestMessage>({
  name: "asgi",
  parser: "HTTP request message → ASGI http scope (build_http_scope) → serve_asgi",
  size_limit: REQUEST_LINE_LIMIT,
  unit: "chars",
  limit_note: "the request target and each header line: 65,536 (as for WSGI)",
  errors: [],
  generate: (rng) => random_message(rng),
  stress: (rng, size) => stress_message(rng, size),
  size_of: (m) => Math.max(m.target.length, ...m.headers.map(([k, v]) => k.length + v.length)),
  async run(message) {
    const previous = set_active_recorder(new Recorder({ enabled: true }));
    try {
      const response = await serve_asgi(app, message);
      if (response.status !== 200) throw new Error(`the ASGI server answered ${response.status}: ${new TextDecoder().decode(response.body).slice(0, 200)}`);
    } finally {
      set_active_recorder(previous);
    }
  },
  describe: (m) => preview({ ...m, size: message_size(m) }, 300),
});
