import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Arrival time (ms, `performance.now()`), when the server read the request head. */
  at: number;
}

/** Answers request number `n` (1-based); may write anything, destroy the socket, or never answer. */
export type FaultHandler = (req: RecordedRequest, res: ServerResponse, n: number) => unknown;

export interface FaultServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A local `node:http` server on 127.0.0.1 for fault-injection tests. `hostname` names it in `baseUrl`
 * (`localhost` makes a second origin on the same interface).
 */
export async function startFaultServer(handler: FaultHandler, hostname: "127.0.0.1" | "localhost" = "127.0.0.1"): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: RecordedRequest = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), at };
      requests.push(rec);
      void handler(rec, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${hostname}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
