/**
 * Starlette's and FastAPI's modules user code can import by bare name (`import { FastAPI, Query }
 * from "fastapi"`, `"starlette/responses"`), as pip installs them beside each other. Pydantic is
 * in the standard-library table (every mode may use it). One line per module.
 */
export * as "starlette/applications" from "../../frameworks/starlette/applications";
export * as "starlette/routing" from "../../frameworks/starlette/routing";
export * as "starlette/requests" from "../../frameworks/starlette/requests";
export * as "starlette/responses" from "../../frameworks/starlette/responses";
export * as "starlette/middleware" from "../../frameworks/starlette/middleware";
export * as "starlette/middleware/base" from "../../frameworks/starlette/middleware/base";
export * as "starlette/middleware/cors" from "../../frameworks/starlette/middleware/cors";
export * as "starlette/middleware/gzip" from "../../frameworks/starlette/middleware/gzip";
export * as "starlette/middleware/trustedhost" from "../../frameworks/starlette/middleware/trustedhost";
export * as "starlette/middleware/httpsredirect" from "../../frameworks/starlette/middleware/httpsredirect";
export * as "starlette/exceptions" from "../../frameworks/starlette/exceptions";
export * as "starlette/background" from "../../frameworks/starlette/background";
export * as "starlette/status" from "../../frameworks/starlette/status";
export * as "starlette/websockets" from "../../frameworks/starlette/websockets";
export * as "starlette/datastructures" from "../../frameworks/starlette/datastructures";
export * as "starlette/concurrency" from "../../frameworks/starlette/concurrency";
export * as "starlette/staticfiles" from "../../frameworks/starlette/staticfiles";
export * as "starlette/templating" from "../../frameworks/starlette/templating";
export * as "fastapi" from "../../frameworks/fastapi";
export * as "fastapi/responses" from "../../frameworks/fastapi/responses";
export * as "fastapi/requests" from "../../frameworks/fastapi/requests";
export * as "fastapi/encoders" from "../../frameworks/fastapi/encoders";
export * as "fastapi/exceptions" from "../../frameworks/fastapi/exceptions";
export * as "fastapi/exception_handlers" from "../../frameworks/fastapi/exception_handlers";
export * as "fastapi/security" from "../../frameworks/fastapi/security";
export * as "fastapi/staticfiles" from "../../frameworks/fastapi/staticfiles";
export * as "fastapi/templating" from "../../frameworks/fastapi/templating";
export * as "fastapi/middleware/cors" from "../../frameworks/fastapi/middleware/cors";
export * as "fastapi/middleware/gzip" from "../../frameworks/fastapi/middleware/gzip";
export * as "fastapi/middleware/trustedhost" from "../../frameworks/fastapi/middleware/trustedhost";
export * as "fastapi/middleware/httpsredirect" from "../../frameworks/fastapi/middleware/httpsredirect";
export * as "fastapi/openapi/docs" from "../../frameworks/fastapi/openapi/docs";
export * as "fastapi/openapi/utils" from "../../frameworks/fastapi/openapi/utils";
// Importable from any project (a Flask or Django one may validate with it): FastAPI builds on it, so
// its code is this mode's and is evaluated with it (docs/adr/0024-page-start-order.md).
export * as "pydantic" from "../../frameworks/pydantic";
export * as "pydantic_core" from "../../frameworks/pydantic_core";
export * as "fastapi/routing" from "../../frameworks/fastapi/routing";
export * as "fastapi/background" from "../../frameworks/fastapi/background";
export * as "fastapi/datastructures" from "../../frameworks/fastapi/datastructures";
export * as "fastapi/params" from "../../frameworks/fastapi/params";
export * as "fastapi/param_functions" from "../../frameworks/fastapi/param_functions";
export * as "fastapi/applications" from "../../frameworks/fastapi/applications";
export * as "fastapi/dependencies/utils" from "../../frameworks/fastapi/dependencies/utils";
export * as "fastapi/security/oauth2" from "../../frameworks/fastapi/security/oauth2";
export * as "starlette/types" from "../../frameworks/starlette/types";
export * as "starlette/convertors" from "../../frameworks/starlette/convertors";
export * as "fastapi/websockets" from "../../frameworks/fastapi/websockets";
