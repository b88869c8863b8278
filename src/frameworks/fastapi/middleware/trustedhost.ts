/** fastapi.middleware.trustedhost: Starlette's `TrustedHostMiddleware`, re-exported. */
export { TrustedHostMiddleware } from "../../starlette/middleware/trustedhost";
