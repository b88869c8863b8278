/**
 * Course project 8, "FastAPI": the fastapi-items scenario as the solution, and a starter whose
 * handler, parameter constraints, Item fields and API metadata are left to write.
 */
import type { Scenario } from "../../scenarios/format";
import { fastapi_items } from "../../scenarios/fastapi-items";
import { carve, starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  asgi: "the ASGI app works",
  hints: "type hints validate",
  pydantic: "Pydantic integrates",
  openapi: "OpenAPI is generated",
} as const;

const files = fastapi_items.files;

const solution: Scenario = {
  ...fastapi_items,
  title: "Project 8 — FastAPI",
  checks: [
    { request: 0, status: 200, body_contains: '"name":"Hammer"', header: ["content-type", "application/json"], trace: [{ kind: "asgi" }], label: M.asgi },
    { request: 1, status: 422, body_contains: '"type":"greater_than","loc":["path","item_id"]', label: M.hints },
    { request: 2, status: 422, body_contains: '"type":"int_parsing","loc":["path","item_id"]', label: M.hints },
    { request: 3, status: 422, body_contains: '"type":"string_too_long","loc":["query","q"]', label: M.hints },
    { request: 4, status: 201, body_contains: '{"name":"Pen","price":1.5,"description":null}', label: M.pydantic },
    { request: 5, status: 422, body_contains: '"type":"missing","loc":["body","price"]', label: M.pydantic },
    { request: 6, status: 200, body_contains: '"info":{"title":"My API","version":"1.0.0"}', label: M.openapi },
    { request: 6, body_contains: '"operationId":"read_item_items__item_id__get"', label: M.openapi },
  ],
};

const MAIN_TODO = carve(
  files["main.ts"],
  [
    ['export const app = new FastAPI({ title: "My API", version: "1.0.0" });', '// TODO (milestone 4): the documentation\'s title "My API" and version "1.0.0" (FastAPI\'s options).\nexport const app = new FastAPI();'],
    ["    item_id: Path(t.int, { gt: 0 }),\n    q: Query(t.Optional(t.str), { default: null, max_length: 50 }),", "    // TODO (milestone 2): item_id, an int from the path greater than 0; q, an optional string of at\n    // most 50 characters from the query (Path(...), Query(...))."],
    [
      '  const item = items.get(item_id);\n  if (!item) throw new HTTPException(404, "Item not found");',
      '  // TODO (milestone 1): the item with this id from items, or an HTTPException 404 "Item not found".\n  throw new Error("TODO (milestone 1): read_item");\n  const item = items.get(item_id);',
    ],
  ],
  "main.ts",
);

const MODELS_TODO = carve(files["models.ts"], [["    price: t.float,\n    description: Field(t.Optional(t.str), { default: null }),", "    // TODO (milestone 3): price, a float; description, an optional string defaulting to null."]], "models.ts");

export const project_fastapi: CourseProject = {
  number: 8,
  id: "fastapi",
  title: "FastAPI",
  summary: "an ASGI app whose type declarations validate requests, shape responses and write the OpenAPI document",
  based_on: "fastapi-items",
  lesson: [
    "## What you build",
    "`FastAPI({title: \"My API\", version: \"1.0.0\"})` with a Pydantic `Item` (`name: str`, `price: float`, `description: str | None`), `GET /items/{item_id}` (an int greater than 0, an optional `q` of at most 50 characters) and `POST /items/` answering 201 with the validated body.",
    "",
    "## Why",
    "Where Django and Flask read parameters by hand, FastAPI reads your *declarations* at run time: one statement of the types validates the request (422 before your handler runs), converts the values, filters the response, and writes the OpenAPI document that `/docs` draws.",
    "",
    "## The core challenges",
    "- **ASGI against WSGI**: the app is an async function exchanging messages with the server (the ASGI panel lists them).",
    "- **Type hints at run time**: `Path(t.int, {gt: 0})` becomes a check and a conversion — the Validation panel shows each parameter's source, raw text and error.",
    "- **Pydantic**: the body becomes an `Item` (`\"1.5\"` → `1.5`); a missing field is a 422 located at `[\"body\", \"price\"]`.",
    "- **OpenAPI from types**: `/openapi.json` is built from the same declarations.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `main.ts` and `models.ts`.",
  ].join("\n"),
  milestones: [
    { title: M.asgi, how: "GET /items/1 answers 200 JSON with the Hammer through the ASGI trace" },
    { title: M.hints, how: "/items/0 is a 422 greater_than, /items/abc a 422 int_parsing, a 51-character q a 422 string_too_long" },
    { title: M.pydantic, how: "POST /items/ with price \"1.5\" answers 201 with price 1.5 and description null; without price, a 422 missing at body.price" },
    { title: M.openapi, how: "/openapi.json has info {title: \"My API\", version: \"1.0.0\"} and the read_item operation" },
  ],
  solution,
  starter: starter_of(solution, { "main.ts": MAIN_TODO, "models.ts": MODELS_TODO }, "Project 8 — FastAPI (starter)"),
};
