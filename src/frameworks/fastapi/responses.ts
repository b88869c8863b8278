/** fastapi.responses: Starlette's response classes, re-exported (`from fastapi.responses import HTMLResponse`). */
export { FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse } from "../starlette/responses";
