/** fastapi.middleware.cors: Starlette's `CORSMiddleware`, re-exported. */
export { CORSMiddleware } from "../../starlette/middleware/cors";
