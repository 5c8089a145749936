/**
 * HTTP servers a test starts on 127.0.0.1 (a port the system picks), each
 * stopped by {@link stopServers} (in `afterEach`), open connections included.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const servers: Server[] = [];

/** A server on 127.0.0.1 answering with `handler`; resolves to its origin (`http://127.0.0.1:<port>`). */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops every server {@link serve} started, dropping their open connections. */
export async function stopServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Writes `total` bytes of spaces to `res` in 1 MiB chunks, as fast as the
 * socket takes them (waiting for `drain`), then ends it; `sent()` says how
 * many bytes went into the socket so far.
 */
export function pumpBody(res: ServerResponse, total: number): { sent: () => number } {
  let sent = 0;
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
  return { sent: () => sent };
}
