/** fastapi.requests: Starlette's `Request` and `HTTPConnection`, re-exported. */
export { HTTPConnection, Request } from "../starlette/requests";
