/**
 * A TCP proxy the checks control, between a learner's server and one of its dependencies (Redis,
 * MySQL): the dependency "goes away" when the check says so, and comes back, without touching
 * the real server (other checks and the learner's own work keep using it).
 *
 * - `cut()` destroys every connection through the proxy and stops listening: a new connection is
 *   refused (ECONNREFUSED), exactly what a client sees when the dependency is down;
 * - `restore()` listens again on the same port and forwards as before;
 * - `stall()` keeps every connection open but forwards nothing, either way: a dependency that
 *   hangs (a network dropping packets), where a client waits for an answer that does not come;
 *   `resume()` delivers what was held, in order, and forwards as before;
 * - `connections` counts the connections accepted since the start, so a check can see that the
 *   client did (or did not) try to connect again.
 */
import net from 'node:net';
import { freePort } from '../../runner/lib/processes.js';

export interface TcpProxy {
  /** The port clients connect to (on 127.0.0.1). */
  readonly port: number;
  /** Connections accepted so far (forwarded or not). */
  readonly connections: number;
  /** Whether it forwards right now. */
  readonly up: boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** Forwards nothing from now on, connections kept open; resolves at once. */
  stall(): void;
  /** Resolves once something was sent through the proxy while it is stalled (a client is waiting). */
  whenHeld(): Promise<void>;
  /** Delivers what was held, in order, and forwards again. */
  resume(): void;
  close(): Promise<void>;
}

export interface ProxyTarget {
  host: string;
  port: number;
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });
}

/** Starts a proxy to `target` on a free loopback port. `startCut` starts it cut (nothing listening). */
export async function tcpProxy(target: ProxyTarget, { startCut = false } = {}): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let up = false;
  let stalled = false;
  const held: (() => void)[] = [];
  const onHeld: (() => void)[] = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (!stalled) {
        to.write(chunk);
        return;
      }
      held.push(() => to.destroyed || to.write(chunk));
      for (const notify of onHeld.splice(0)) notify();
    });
  };
  const resume = () => {
    stalled = false;
    for (const deliver of held.splice(0)) deliver();
  };
  const server = net.createServer((client) => {
    connections += 1;
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    forward(client, upstream);
    forward(upstream, client);
  });
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await listen(server, port);
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
  up = true;
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const cut = async () => {
    up = false;
    held.length = 0;
    stalled = false;
    const closing = stopListening();
    for (const s of sockets) s.destroy();
    sockets.clear();
    await closing;
  };
  if (startCut) await cut();
  return {
    port,
    get connections() {
      return connections;
    },
    get up() {
      return up;
    },
    cut,
    stall() {
      stalled = true;
    },
    whenHeld() {
      return held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => onHeld.push(resolve));
    },
    resume,
    async restore() {
      if (up) return;
      // The same port: the client was configured with it. It was ours a moment ago, and ports
      // handed out by freePort() stay reserved for this run, so it is free again at once.
      for (let attempt = 0; ; attempt++) {
        try {
          await listen(server, port);
          break;
        } catch (err) {
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      up = true;
    },
    async close() {
      await cut();
    },
  };
}
