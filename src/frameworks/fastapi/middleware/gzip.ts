/** fastapi.middleware.gzip: Starlette's `GZipMiddleware`, re-exported. */
export { GZipMiddleware } from "../../starlette/middleware/gzip";
