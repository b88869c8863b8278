/**
 * fastapi.exception_handlers: FastAPI's default handlers, which the app registers for every
 * request — an HTTPException becomes `{"detail": <detail>}` as JSON with its status and headers
 * (no body for 1xx/204/205/304), a RequestValidationError becomes the 422 whose body is
 * `{"detail": [<each error: type, loc, msg, input, ctx?>]}`.
 */
import type { HTTPException } from "../starlette/exceptions";
import type { Request } from "../starlette/requests";
import { JSONResponse, Response } from "../starlette/responses";
import type { WebSocket } from "../starlette/websockets";
import { jsonable_encoder } from "./encoders";
import type { RequestValidationError, WebSocketRequestValidationError } from "./exceptions";
import { is_body_allowed_for_status_code } from "./utils";

export async function http_exception_handler(_request: Request, exc: HTTPException): Promise<Response> {
  const headers = exc.headers ?? null;
  if (!is_body_allowed_for_status_code(exc.status_code)) return new Response(null, { status_code: exc.status_code, headers });
  return new JSONResponse({ detail: exc.detail }, { status_code: exc.status_code, headers });
}

export async function request_validation_exception_handler(_request: Request, exc: RequestValidationError): Promise<JSONResponse> {
  return new JSONResponse({ detail: jsonable_encoder(exc.errors()) }, { status_code: 422 });
}

export async function websocket_request_validation_exception_handler(websocket: WebSocket, exc: WebSocketRequestValidationError): Promise<void> {
  await websocket.close(1008, JSON.stringify(jsonable_encoder(exc.errors())));
}
