/**
 * FastAPI hello (`npm run bench`): the anchors' make_fastapi() hello — `FastAPI()` with
 * `@app.get("/hello/", response_class=PlainTextResponse)` on an `async def` returning
 * "Hello, World!" — as a scenario served headless through the ASGI gateway; compared with the
 * anchors' micro_bench row "hello: FastAPI ASGI direct (async def, 50/loop entry)".
 */
import { SCENARIO_FORMAT, type Scenario } from "../src/scenarios/format";

export const fastapi_hello_scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "bench: FastAPI hello",
  framework: "fastapi",
  entry: { kind: "fastapi", app: "main.app" },
  files: {
    "main.ts": `import { FastAPI } from "fastapi";
import { PlainTextResponse } from "fastapi/responses";
export const app = new FastAPI();
app.get("/hello/", { response_class: PlainTextResponse })(async function hello() {
  return "Hello, World!";
});
`,
  },
  requests: [],
};
