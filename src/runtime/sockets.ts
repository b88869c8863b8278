/**
 * The simulated browser's WebSockets, on the runtime's side: named clients ("ann", "bob", a
 * Preview tab's socket) → one `WebSocketConnection` each (the ASGI server's, gateway/
 * asgi-websocket.ts), and what the server sent each of them since the page last asked.
 * Main class: `SocketHub`; main function: `settle`.
 *
 * Every client gets its own port in the scope's `client` (`["127.0.0.1", 50001]`, …), which is how
 * the trace tells connections apart (the Connections and Channel layer panels group by it).
 *
 * A step (open, a frame, a close, or an HTTP request) is finished when `settle()` returns: every
 * consumer the step woke — the sender's and every member of a group it sent to — has run, because
 * consumers run on promise callbacks and the page runs one handler at a time (ADR 0012). The
 * events of all clients are then drained in one list, so a message fanned out to three clients
 * comes back with the step that sent it.
 */
import { WebSocketConnection, type WebSocketServerEvent } from "../gateway/asgi-websocket";
import type { ASGIApplication } from "../gateway/asgi-types";
import type { HttpRequestMessage } from "../gateway/exchange";
import type { SocketAction, SocketClientState, SocketEvent } from "./protocol";

/** The first port handed to a client (the ASGI server's default client port is 50000). */
const FIRST_PORT = 50001;
const CLIENT_NAME = /^[A-Za-z0-9_.:@ -]{1,40}$/;

/**
 * Let everything a step set going finish: promise callbacks run before any timer, so after a few
 * timer turns nothing started by the step is still runnable.
 */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

interface Socket {
  connection: WebSocketConnection;
  /** How many of its events the page has been given. */
  read: number;
  target: string;
}

export class SocketError extends Error {
  static python_name = "SocketError";
}

export class SocketHub {
  private readonly sockets = new Map<string, Socket>();
  private next_port = FIRST_PORT;

  /** Open a client's connection: the upgrade request → a `websocket` scope → the application started. */
  open(app: ASGIApplication, client: string, request: HttpRequestMessage): WebSocketConnection {
    if (!CLIENT_NAME.test(client)) throw new SocketError(`A client name is 1–40 letters, digits, spaces or _ . : @ - (got ${JSON.stringify(client.slice(0, 50))}).`);
    const existing = this.sockets.get(client);
    if (existing && existing.connection.state !== "closed") throw new SocketError(`Client "${client}" already has an open connection; close it first.`);
    const connection = WebSocketConnection.open(app, { ...request, remote_port: this.next_port++ });
    this.sockets.set(client, { connection, read: 0, target: request.target });
    return connection;
  }

  /** Perform one client action (other than open) on its connection. */
  act(action: Exclude<SocketAction, { op: "open" }>): void {
    const socket = this.sockets.get(action.client);
    if (!socket) throw new SocketError(`No client named "${action.client}" has connected.`);
    if (action.op === "close") return socket.connection.close(action.code ?? 1000, action.reason ?? "");
    if (action.bytes !== undefined) socket.connection.send_bytes(action.bytes);
    else socket.connection.send_text(action.text ?? "");
  }

  /** Whether any client's connection is not closed: only then can a step wake a consumer that outlives it. */
  has_live_connection(): boolean {
    for (const { connection } of this.sockets.values()) if (connection.state !== "closed") return true;
    return false;
  }

  /** Every client's server events the page has not had yet, client by client, oldest first. */
  drain(): SocketEvent[] {
    const out: SocketEvent[] = [];
    for (const [client, socket] of this.sockets) {
      const events = socket.connection.events;
      for (; socket.read < events.length; socket.read++) out.push({ client, event: copy_event(events[socket.read]) });
    }
    return out;
  }

  /** Each client's connection as the Clients panel lists it. */
  state(): SocketClientState[] {
    return [...this.sockets].map(([client, { connection, target }]) => ({
      client,
      target,
      port: connection.scope.client?.[1] ?? null,
      state: connection.state,
      close_status: connection.close_status,
    }));
  }

  /** The server goes away (a new project loads): every open connection is closed with 1001. */
  async shutdown(): Promise<void> {
    for (const { connection } of this.sockets.values()) if (connection.state !== "closed") connection.close(1001, "");
    await settle();
    this.sockets.clear();
    this.next_port = FIRST_PORT;
  }
}

/** A server event as the page gets it (bytes copied, nothing shared with the connection). */
function copy_event(event: WebSocketServerEvent): WebSocketServerEvent {
  if (event.type === "bytes") return { type: "bytes", bytes: event.bytes.slice() };
  return { ...event } as WebSocketServerEvent;
}
