import { Header, HTTPException, signature, t } from "fastapi";

export const get_token_header = signature({ x_token: Header(t.str) }, async function get_token_header({ x_token }) {
  if (x_token !== "fake-super-secret-token") throw new HTTPException({ status_code: 400, detail: "X-Token header invalid" });
});

export const get_query_token = signature({ token: t.str }, async function get_query_token({ token }) {
  if (token !== "jessica") throw new HTTPException({ status_code: 400, detail: "No Jessica token provided" });
});
