/**
 * Graceful shutdown (docs/08-deploy.md#graceful-shutdown), driven by one AbortController: the
 * first SIGTERM or SIGINT aborts `stopping`, and everything that must react to the shutdown (the
 * readiness flag, the drain, the deadline) listens to its signal. A second signal, or the deadline,
 * aborts `cutting`: what is left is destroyed and the process exits 1.
 *
 * The server's sockets are tracked from their 'connection' event, each with the answers it still
 * owes, so the drain knows which connections are busy, tells each of their answers to close the
 * connection, and can destroy exactly what is left at the deadline.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from './logger.js';

export interface LifecycleOptions {
  server: Server;
  logger: Logger;
  /** How long the requests in flight may take once the shutdown has started. */
  timeoutMs: number;
  /** Called first thing when the shutdown starts (readiness turns). */
  onStopping(): void;
  /** Closes the database pool and Redis, politely: after the last answer. */
  closeDependencies(): Promise<void>;
  /** Drops them without waiting: at the deadline. */
  dropDependencies(): Promise<void>;
  /** How the process ends; process.exit by default. */
  exit?: (code: number) => void;
}

export function manageLifecycle({ server, logger, timeoutMs, onStopping, closeDependencies, dropDependencies, exit = (code) => process.exit(code) }: LifecycleOptions): { stopping: AbortSignal } {
  const stopping = new AbortController();
  const cutting = new AbortController();
  /** Every open connection, with the answers it has not finished yet. */
  const sockets = new Map<Socket, Set<ServerResponse>>();

  server.on('connection', (socket: Socket) => {
    sockets.set(socket, new Set());
    socket.once('close', () => sockets.delete(socket));
  });
  // Before Express's own listener: the header must be on the answer before a handler can send it.
  server.prependListener('request', (req, res: ServerResponse) => {
    const owed = sockets.get(req.socket);
    owed?.add(res);
    res.once('close', () => owed?.delete(res));
    // A request that arrives on a kept-alive connection during the drain is served, and told to go.
    if (stopping.signal.aborted) res.setHeader('Connection', 'close');
  });

  const inFlight = () => [...sockets.values()].reduce((n, owed) => n + owed.size, 0);
  let startedAt = 0;

  stopping.signal.addEventListener('abort', () => {
    startedAt = Date.now();
    logger.info(`shutdown: ${String(stopping.signal.reason)} received, draining ${inFlight()} request(s) in flight`, { signal: stopping.signal.reason, inFlight: inFlight(), timeoutMs });
    onStopping();
    for (const owed of sockets.values()) for (const res of owed) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = setTimeout(() => cutting.abort(`the requests in flight did not finish within SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms)`), timeoutMs);
    cutting.signal.addEventListener('abort', () => clearTimeout(deadline));
    // Stops accepting; calls back when the last connection has ended.
    server.close(() => {
      if (cutting.signal.aborted) return;
      clearTimeout(deadline);
      void closeDependencies().then(() => {
        logger.info('shutdown: complete', { elapsedMs: Date.now() - startedAt });
        exit(0);
      });
    });
    // Keep-alive connections between two requests hold server.close() back: end them now. A
    // connection whose request has begun to arrive is not idle, and is answered first.
    server.closeIdleConnections();
  });

  cutting.signal.addEventListener('abort', () => {
    const left = inFlight();
    logger.error(`shutdown: ${String(cutting.signal.reason)}; cutting ${left} request(s) still in flight`, { inFlight: left, connections: sockets.size, elapsedMs: Date.now() - startedAt });
    for (const socket of sockets.keys()) socket.destroy();
    void dropDependencies().finally(() => exit(1));
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping.signal.aborted) stopping.abort(signal);
    else if (!cutting.signal.aborted) cutting.abort(`${signal} again`);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { stopping: stopping.signal };
}
