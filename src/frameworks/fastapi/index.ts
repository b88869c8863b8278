/**
 * `import { FastAPI, Query, Depends, HTTPException, ... } from "fastapi"`: what `from fastapi
 * import ...` offers — the app and router, the parameter markers (ADR 0010: the annotation first,
 * FastAPI's keyword arguments as options), `signature()` for a dependency's parameters, the
 * request/response classes, `BackgroundTasks`, `HTTPException` and `status`.
 */
export { FastAPI } from "./applications";
export { APIRouter, APIRoute } from "./routing";
export { Body, Cookie, Depends, File, Form, Header, Path, Query, Security } from "./param_functions";
export { UploadFile } from "./datastructures";
export { signature } from "./dependencies/utils";
export { HTTPException, WebSocketException, RequestValidationError, ResponseValidationError, FastAPIError } from "./exceptions";
export { BackgroundTasks } from "./background";
export { Request } from "../starlette/requests";
export { Response } from "../starlette/responses";
export { WebSocket, WebSocketDisconnect } from "../starlette/websockets";
export * as status from "../starlette/status";
export { t } from "../python/typing";
