/**
 * The attacker's machine for the attack suite: an HTTP server (WebSocket upgrades included), a UDP
 * socket (STUN) and a TCP server (TURN over TCP) on 127.0.0.1, each recording every hit. The suite
 * passes only if none of them ever hears from the page.
 */
import http from "node:http";
import net from "node:net";
import dgram from "node:dgram";
import type { AddressInfo } from "node:net";

export interface Attacker {
  /** http://127.0.0.1:PORT */
  origin: string;
  udpPort: number;
  tcpPort: number;
  /** Every request, upgrade, datagram and connection, in order. */
  hits: string[];
  close(): Promise<void>;
}

export async function startAttacker(): Promise<Attacker> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`HTTP ${req.method} ${req.url}`);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Content-Type", /\.(m?js)$/.test(req.url ?? "") ? "text/javascript" : "text/plain");
    res.end("// attacker\n");
  });
  server.on("upgrade", (req, socket) => {
    hits.push(`WebSocket ${req.url}`);
    socket.destroy();
  });
  const udp = dgram.createSocket("udp4");
  udp.on("message", (message, from) => hits.push(`UDP ${message.length} bytes from port ${from.port}`));
  const tcp = net.createServer((socket) => {
    hits.push("TCP connection");
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    udpPort: udp.address().port,
    tcpPort: (tcp.address() as AddressInfo).port,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => tcp.close(resolve));
      udp.close();
    },
  };
}
