import { Depends, FastAPI } from "fastapi";
import { get_query_token, get_token_header } from "./dependencies";
import * as admin from "./internal/admin";
import * as items from "./routers/items";
import * as users from "./routers/users";

export const app = new FastAPI({ dependencies: [Depends(get_query_token)] });

app.include_router(users.router);
app.include_router(items.router);
app.include_router(admin.router, {
  prefix: "/admin",
  tags: ["admin"],
  dependencies: [Depends(get_token_header)],
  responses: { 418: { description: "I'm a teapot" } },
});

app.get("/")(async function root() {
  return { message: "Hello Bigger Applications!" };
});
