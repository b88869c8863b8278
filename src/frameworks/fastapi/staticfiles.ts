/** fastapi.staticfiles: Starlette's `StaticFiles`, importable from FastAPI as its docs show. */
export { StaticFiles } from "../starlette/staticfiles";
