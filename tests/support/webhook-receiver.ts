// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request; can go down
// (connection refused) and come back on the same port.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: Record<string, string>; body: string; at: number };

export type Receiver = {
  url: string;
  port: number;
  received: Received[];
  connections: () => number;
  /** Status to answer with (default 204). */
  status: number;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: Received[] = [];
  let connections = 0;
  let server: http.Server | null = null;
  let port = 0;
  const receiver: Receiver = {
    url: "",
    port: 0,
    received,
    connections: () => connections,
    status: 204,
    down: async () => {
      const s = server;
      server = null;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: async () => {
      const s = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
          received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
          res.statusCode = receiver.status;
          res.end(receiver.status === 204 ? undefined : "nope");
        });
      });
      s.on("connection", () => void (connections += 1));
      await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", () => resolve()));
      port = (s.address() as AddressInfo).port;
      receiver.port = port;
      receiver.url = `http://127.0.0.1:${port}${path}`;
      server = s;
    },
    close: () => receiver.down(),
  };
  await receiver.up();
  return receiver;
}
