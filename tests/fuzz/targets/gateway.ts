/**
 * Fuzz target: an HTTP request message → the WSGI environ (src/gateway: build_environ) → a raw
 * PEP 3333 application that reads every CGI variable and the whole body → the response message.
 * `serve_wsgi` documents no error at all: whatever arrives, the answer is a response.
 */
import { serve_wsgi } from "../../../src/gateway/server";
import type { HttpRequestMessage, WSGIApplication } from "../../../src/gateway/wsgi";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { define_target, preview } from "../target";
import { message_size, random_message, REQUEST_LINE_LIMIT, stress_message } from "./http-messages";

const app: WSGIApplication = (environ, start_response) => {
  let n = 0;
  for (const [key, value] of Object.entries(environ)) if (typeof value === "string") n += key.length + value.length;
  const body = environ["wsgi.input"].read();
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [new TextEncoder().encode(`${n} ${body.length}`)];
};

export const gateway = define_target<HttpRequestMessage>({
  name: "gateway",
  parser: "HTTP request message → WSGI environ (build_environ) → serve_wsgi",
  size_limit: REQUEST_LINE_LIMIT,
  unit: "chars",
  limit_note: "the request target and each header line: 65,536 (wsgiref, Django's runserver, answers 414 past it); the body up to DATA_UPLOAD_MAX_MEMORY_SIZE",
  errors: [],
  generate: (rng) => random_message(rng),
  stress: (rng, size) => stress_message(rng, size),
  size_of: (m) => Math.max(m.target.length, ...m.headers.map(([k, v]) => k.length + v.length)),
  async run(message) {
    const previous = set_active_recorder(new Recorder({ enabled: true }));
    try {
      const response = await serve_wsgi(app, message);
      if (response.status !== 200 && response.status !== 414) throw new Error(`the gateway answered ${response.status}: ${new TextDecoder().decode(response.body).slice(0, 200)}`);
    } finally {
      set_active_recorder(previous);
    }
  },
  describe: (m) => preview({ ...m, size: message_size(m) }, 300),
});
