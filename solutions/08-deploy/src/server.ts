import 'dotenv/config';
import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Sequelize } from 'sequelize';
import { createApp } from './app.js';
import { ConfigError, DEV_JWT_SECRET, loadConfig, withoutPassword, type Config } from './config.js';
import { openDatabase } from './db/index.js';
import { requestLog } from './http/request-logger.js';
import { createLogger, type Logger } from './logger.js';
import { connectRedis, type RedisClient } from './redis-client.js';

/** The process entry: the only file that reads the environment, connects and listens. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      // Every problem, one per line, and no stack: the fix is in the environment, not the code.
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.jwtSecret === DEV_JWT_SECRET) {
    logger.warn('JWT_SECRET is not set: using the public development secret. Set JWT_SECRET in .env before anyone else can reach this server.');
  }
  if (config.corsOrigins.length === 0 && config.env !== 'test') {
    logger.info('CORS_ORIGINS is empty: no web page on another origin may call this API. List the front end\'s origin in CORS_ORIGINS to allow it.');
  }
  let db: Sequelize;
  try {
    // No sync() here: the schema is the migrations' job (npm run migrate), never the app's.
    // Each SQL line (LOG_LEVEL=debug) goes through the logger of the request that ran it, with its
    // reqId. At other levels there is no SQL line, and no callback for Sequelize to call per query.
    const logging = config.logLevel === 'debug' ? (sql: string, ms?: number) => (requestLog() ?? logger).debug('sql', { sql, ms }) : false;
    db = await openDatabase(config.database, { logging });
  } catch (err) {
    const where = config.database.dialect === 'sqlite' ? config.database.storage : withoutPassword(config.database.url);
    logger.error(`cannot open the database (${config.database.dialect}, ${where}): ${(err as Error).message}`);
    process.exit(1);
  }
  // Connects in the background: the server starts, and answers /health/live, while Redis is down.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;

  const app = createApp({ config, logger, db, redis });
  const server = app.listen(config.port, (err?: Error) => {
    // Express 5 calls this on a listen error too; the 'error' listener below reports those.
    if (err) return;
    // The port really bound: with PORT=0 the system picks one, and config.port is 0.
    const { port } = server.address() as AddressInfo;
    logger.info(`listening on http://localhost:${port} (API documentation: http://localhost:${port}/api/docs)`, {
      port,
      env: config.env,
      database: config.database.dialect,
      redis: redis ? 'shared limits' : 'in-process limits',
      corsOrigins: config.corsOrigins,
    });
  });
  // A client that sends its headers or its body a byte at a time holds a connection (and memory)
  // for as long as we let it: a few thousand of them and nobody else gets in. Bound both.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Longer than a load balancer's idle timeout (often 60 s), so the proxy closes first, never us mid-request.
  server.keepAliveTimeout = 65_000;
  // Requests Node refuses before Express sees them (a malformed request line, headers over 16 kB,
  // a request past its timeout) would get Node's bare status line: answer them in the envelope too.
  server.on('clientError', answerClientError);
  // An Expect header other than 100-continue: Node's own 417 has an empty body.
  server.on('checkExpectation', (_req, res: ServerResponse) => {
    res.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
    res.end(JSON.stringify({ errors: { expect: ['only 100-continue is understood'] } }));
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.error(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use: set PORT in .env to another port` : err.message);
    process.exit(1);
  });

  handleShutdown({ server, app, db, redis, logger, timeoutMs: config.shutdownTimeoutMs });
}

/** A request HTTP parsing or a timeout refused: a status, the envelope, and the connection closed. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // Nothing to answer on a connection the client has already dropped, or one an answer has begun on.
  if (err.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers are too large'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'took too long to arrive'] : [400, 'is not valid HTTP'];
  const body = JSON.stringify({ errors: { request: [message] } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

interface Running {
  server: Server;
  app: ReturnType<typeof createApp>;
  db: Sequelize;
  redis?: RedisClient;
  logger: Logger;
  timeoutMs: number;
}

/**
 * Graceful shutdown (docs/08-deploy.md#graceful-shutdown). An orchestrator sends SIGTERM before it
 * stops a container (a deploy, a scale-in), then SIGKILL a while later (30 s on ECS and Kubernetes).
 * In between, nobody who is being served should notice:
 *
 * 1. readiness answers 503, so a load balancer stops sending new requests here; the listener closes
 *    (new connections are refused) and idle keep-alive connections are closed at once;
 * 2. the requests in flight finish normally, their answers saying `Connection: close`;
 * 3. with the last one answered, the database pool and Redis close, and the process exits 0.
 *
 * If the drain takes longer than SHUTDOWN_TIMEOUT_MS, or a second signal comes (Ctrl-C twice), what
 * is left is cut (its connections destroyed) and the process exits 1: something did not finish.
 */
function handleShutdown({ server, app, db, redis, logger, timeoutMs }: Running): void {
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    // A request that arrives on a kept-alive connection during the drain is served, and told to go.
    if (app.locals.shuttingDown) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  let started = 0;
  /** QUIT when Redis answers (pending commands are answered first); otherwise drop the socket. */
  const closeRedis = async () => {
    if (!redis?.isOpen) return;
    if (redis.isReady) await redis.close();
    else redis.destroy();
  };
  const closeDependencies = async () => {
    // Each on its own: a Redis that is down must not keep the database open, nor the other way round.
    await Promise.allSettled([db.close(), closeRedis()]);
  };
  let cutting = false;
  const cut = async (reason: string) => {
    if (cutting) return;
    cutting = true;
    logger.error(`shutdown: ${reason}; cutting ${inFlight.size} request(s) still in flight`, { inFlight: inFlight.size, elapsedMs: Date.now() - started });
    server.closeAllConnections();
    await Promise.allSettled([db.close(), Promise.resolve().then(() => redis?.isOpen && redis.destroy())]);
    process.exit(1);
  };

  const shutdown = (signal: NodeJS.Signals) => {
    if (started) {
      void cut(`${signal} again`);
      return;
    }
    started = Date.now();
    logger.info(`shutdown: ${signal} received, draining ${inFlight.size} request(s) in flight`, { signal, inFlight: inFlight.size, timeoutMs });
    app.locals.shuttingDown = true;
    // Answers not sent yet close their connection when they are; the rest of the drain follows from that.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = setTimeout(() => void cut(`the requests in flight did not finish within SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms)`), timeoutMs);
    server.close(() => {
      // Every connection has ended (or was cut: then cut() decides the exit code).
      if (cutting) return;
      void closeDependencies().then(() => {
        clearTimeout(deadline);
        logger.info('shutdown: complete', { elapsedMs: Date.now() - started });
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

void main();
