/** fastapi.middleware.httpsredirect: Starlette's `HTTPSRedirectMiddleware`, re-exported. */
export { HTTPSRedirectMiddleware } from "../../starlette/middleware/httpsredirect";
