import { APIRouter } from "fastapi";

export const router = new APIRouter();

router.post("/")(async function update_admin() {
  return { message: "Admin getting schwifty" };
});
