/** fastapi.templating: Starlette's `Jinja2Templates`, importable from FastAPI as its docs show. */
export { Jinja2Templates } from "../starlette/templating";
