/**
 * Built-in scenario "fastapi-items": the course's project 8 — an ASGI application
 * `FastAPI({ title: "My API", version: "1.0.0" })` with a Pydantic `Item`, `GET /items/{item_id}`
 * (an int path parameter greater than 0, an optional query string `q` of at most 50 characters)
 * returning an Item, `POST /items/` answering 201 with the validated body, async handlers, and the
 * documentation generated at `/docs`. One check per milestone: the ASGI app answers, type hints
 * validate, Pydantic models validate bodies, the OpenAPI document is generated.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const MODELS = `// models.ts — the data the API speaks, as a Pydantic model.
// Python:  class Item(BaseModel):
//              name: str
//              price: float
//              description: str | None = None
import { BaseModel, Field, t } from "pydantic";

export class Item extends BaseModel {
  // The fields, as Pydantic reads a class's annotations: each one validates (and coerces) input.
  static fields = {
    name: t.str,
    price: t.float,
    description: Field(t.Optional(t.str), { default: null }),
  };
  // The same annotations for the editor (TypeScript erases types; ADR 0010).
  declare name: string;
  declare price: number;
  declare description: string | null;
}
`;

const MAIN = `// main.ts — the ASGI application (\`uvicorn main:app\`): routes, parameters, responses.
import { FastAPI, HTTPException, Path, Query, t } from "fastapi";
import { Item } from "./models";

export const app = new FastAPI({ title: "My API", version: "1.0.0" });

// A tiny in-memory store (a real app would use a database).
const items = new Map<number, Item>([[1, new Item({ name: "Hammer", price: 12.5, description: "Claw hammer" })]]);
let next_id = 2;

// GET /items/{item_id}: item_id comes from the path and must be an int > 0; q is an optional
// query string of at most 50 characters. FastAPI validates both before the handler runs, and
// answers 422 itself when they are wrong.
//   Python: async def read_item(item_id: Annotated[int, Path(gt=0)],
//                               q: Annotated[str | None, Query(max_length=50)] = None) -> Item
app.get("/items/{item_id}", {
  params: {
    item_id: Path(t.int, { gt: 0 }),
    q: Query(t.Optional(t.str), { default: null, max_length: 50 }),
  },
  response_model: Item,
})(async function read_item({ item_id, q }) {
  const item = items.get(item_id);
  if (!item) throw new HTTPException(404, "Item not found");
  if (q) console.log(\`read_item \${item_id} with q=\${q}\`);
  return item;
});

// POST /items/: the body must be an Item (Pydantic validates it); the answer is 201 Created
// with the item as validated (a price sent as "1.5" comes back as the float 1.5).
app.post("/items/", { params: { item: Item }, response_model: Item, status_code: 201 })(async function create_item({ item }) {
  items.set(next_id++, item);
  return item;
});
`;

const LESSON = `# Project 8: FastAPI

FastAPI is an **ASGI** application: where a WSGI app is one call that returns a response
(\`environ, start_response\`), an ASGI app is an \`async\` function that *exchanges messages* with
the server — \`receive()\` the request body, \`send()\` the response start and its body. The
**ASGI** panel shows every message, in order.

1. **The ASGI app answers.** \`GET /items/1\` travels server → middleware → router → handler. Open
   **Flow** and **ASGI**.
2. **Type hints validate.** \`item_id\` is declared \`Path(t.int, { gt: 0 })\`: \`/items/0\` and
   \`/items/abc\` never reach the handler — FastAPI answers 422 and the **Validation** panel shows,
   for each parameter, where it came from, the raw text, the coerced value and the error, linked
   to the line that declared it.
3. **Pydantic validates bodies.** \`POST /items/\` with a JSON body: the \`Item\` model coerces
   \`"1.5"\` to \`1.5\`, and a missing \`price\` is a 422 with \`["body", "price"]\` as its location.
4. **OpenAPI is generated** from the same declarations: \`GET /openapi.json\`, and \`/docs\` (Swagger
   UI) in the Preview. The **OpenAPI** panel shows the document as a tree.
`;

export const fastapi_items: Scenario = {
  format: SCENARIO_FORMAT,
  title: "FastAPI: an items API with validation and docs",
  framework: "fastapi",
  entry: { kind: "fastapi", app: "main.app" },
  description: "Project 8: an ASGI app with typed path and query parameters, a Pydantic body model, async handlers and generated OpenAPI docs.",
  lesson: LESSON,
  files: { "main.ts": MAIN, "models.ts": MODELS },
  requests: [
    { method: "GET", target: "/items/1", note: "Milestone 1: the ASGI app answers" },
    { method: "GET", target: "/items/0", note: "Milestone 2: item_id must be > 0 — a 422 before the handler runs" },
    { method: "GET", target: "/items/abc?q=hello", note: "Milestone 2: not an int — int_parsing" },
    { method: "GET", target: `/items/1?q=${"x".repeat(51)}`, note: "Milestone 2: q is longer than 50 characters" },
    { method: "POST", target: "/items/", headers: [["Content-Type", "application/json"]], body: '{"name": "Pen", "price": "1.5"}', note: "Milestone 3: the body becomes an Item (201, price coerced)" },
    { method: "POST", target: "/items/", headers: [["Content-Type", "application/json"]], body: '{"name": "Pen"}', note: "Milestone 3: a body without price is a 422" },
    { method: "GET", target: "/openapi.json", note: "Milestone 4: the OpenAPI document, generated from the declarations" },
    { method: "GET", target: "/docs", note: "Swagger UI, drawing the document (open it in the Preview)" },
  ],
  checks: [
    { request: 0, status: 200, body_contains: '{"name":"Hammer","price":12.5,"description":"Claw hammer"}', label: "1. the ASGI app answers: GET /items/1 returns the item" },
    { request: 1, status: 422, body_contains: '"type":"greater_than","loc":["path","item_id"]', label: "2. type hints validate: item_id must be > 0, a 422 before the handler runs" },
    { request: 4, status: 201, body_contains: '{"name":"Pen","price":1.5,"description":null}', label: "3. Pydantic models validate bodies: the body becomes an Item, \"1.5\" coerced to 1.5" },
    { request: 5, status: 422, body_contains: '"type":"missing","loc":["body","price"]', label: "3. Pydantic models validate bodies: a body without price is a 422 at [\"body\", \"price\"]" },
    { request: 6, status: 200, body_contains: '"/items/{item_id}":{"get":{"summary":"Read Item","operationId":"read_item_items__item_id__get"', label: "4. the OpenAPI document is generated from the declarations" },
  ],
};
