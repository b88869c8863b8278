import { APIRouter, Depends, HTTPException, t } from "fastapi";
import { get_token_header } from "../dependencies";

export const router = new APIRouter({
  prefix: "/items",
  tags: ["items"],
  dependencies: [Depends(get_token_header)],
  responses: { 404: { description: "Not found" } },
});

const fake_items_db = { plumbus: { name: "Plumbus" }, gun: { name: "Portal Gun" } };

router.get("/")(async function read_items() {
  return fake_items_db;
});

router.get("/{item_id}", { params: { item_id: t.str } })(async function read_item({ item_id }) {
  if (!(item_id in fake_items_db)) throw new HTTPException({ status_code: 404, detail: "Item not found" });
  return { name: fake_items_db[item_id].name, item_id };
});

router.put("/{item_id}", { tags: ["custom"], responses: { 403: { description: "Operation forbidden" } }, params: { item_id: t.str } })(async function update_item({ item_id }) {
  if (item_id !== "plumbus") throw new HTTPException({ status_code: 403, detail: "You can only update the item: plumbus" });
  return { item_id, name: "The great Plumbus" };
});
