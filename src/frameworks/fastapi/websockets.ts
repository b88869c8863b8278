/** fastapi.websockets: Starlette's WebSocket classes, importable from FastAPI as its docs show. */
export { WebSocket, WebSocketDisconnect, WebSocketState } from "../starlette/websockets";
