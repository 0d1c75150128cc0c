/**
 * HTTP over a bare TCP socket, for what a client library hides: a request whose body arrives
 * slowly (in flight while the server shuts down), an idle keep-alive connection, and whether a
 * new connection is accepted or refused.
 *
 * A slow request sends `Expect: 100-continue`: Node's HTTP server answers `100 Continue` when it
 * has parsed the request's head and handed the request to the app. That is the moment the
 * request is surely in flight, seen instead of waited for.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/** What happened to a request on a raw connection. */
export type RawOutcome = { kind: 'answered'; res: RawResponse } | { kind: 'closed'; how: string; partial: string };

/** Parses a complete HTTP/1.1 response from the start of `text`, or undefined while incomplete. */
function parseResponse(raw: Buffer): { res: RawResponse; end: number } | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = raw.toString('latin1', 0, headEnd).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
  if (!m) return undefined;
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      headers[name] = headers[name] ? `${headers[name]}, ${line.slice(i + 1).trim()}` : line.slice(i + 1).trim();
    }
  }
  const status = Number(m[1]);
  let pos = headEnd + 4;
  let body: Buffer;
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
    body = Buffer.alloc(0);
  } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = raw.indexOf('\r\n', pos);
      if (eol < 0) return undefined;
      const size = parseInt(raw.toString('latin1', pos, eol), 16);
      if (!Number.isFinite(size)) return undefined;
      if (size === 0) {
        const trailerEnd = raw.indexOf('\r\n\r\n', eol);
        if (trailerEnd < 0 && raw.length < eol + 4) return undefined;
        pos = trailerEnd >= 0 ? trailerEnd + 4 : eol + 4;
        break;
      }
      if (raw.length < eol + 2 + size + 2) return undefined;
      parts.push(raw.subarray(eol + 2, eol + 2 + size));
      pos = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (raw.length < pos + length) return undefined;
    body = raw.subarray(pos, pos + length);
    pos += length;
  }
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { res: { status, headers, body: text, json }, end: pos };
}

/** A connection that reads the responses the server sends on it, in order. */
export class RawConnection {
  readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private waiters: { resolve: (o: RawOutcome) => void; continueOnly: boolean }[] = [];
  /** Set when the connection ends, with how ("closed by the server", "reset (ECONNRESET)"). */
  closed?: string;
  readonly whenClosed: Promise<string>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    let closedBy = 'closed by the server';
    this.whenClosed = new Promise((resolve) => {
      socket.on('error', (err: NodeJS.ErrnoException) => (closedBy = `${err.code === 'ECONNRESET' ? 'reset' : 'failed'} (${err.code ?? err.message})`));
      socket.on('close', () => {
        this.closed = closedBy;
        resolve(closedBy);
        for (const w of this.waiters.splice(0)) w.resolve({ kind: 'closed', how: closedBy, partial: this.buffer.toString('utf8').slice(0, 200) });
      });
    });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  private deliver(): void {
    while (this.waiters.length > 0) {
      const parsed = parseResponse(this.buffer);
      if (!parsed) return;
      const isContinue = parsed.res.status === 100;
      const waiter = this.waiters[0];
      if (isContinue && !waiter.continueOnly) {
        // An interim answer nobody waits for: skip it.
        this.buffer = this.buffer.subarray(parsed.end);
        continue;
      }
      this.buffer = this.buffer.subarray(parsed.end);
      this.waiters.shift();
      waiter.resolve({ kind: 'answered', res: parsed.res });
    }
  }

  /** The next response (a final one, or `100 Continue` when `continueOnly`), or how the connection ended first. */
  next(continueOnly = false): Promise<RawOutcome> {
    return new Promise((resolve) => {
      if (this.closed !== undefined) {
        const parsed = parseResponse(this.buffer);
        if (parsed && (continueOnly || parsed.res.status !== 100)) {
          this.buffer = this.buffer.subarray(parsed.end);
          resolve({ kind: 'answered', res: parsed.res });
        } else resolve({ kind: 'closed', how: this.closed, partial: this.buffer.toString('utf8').slice(0, 200) });
        return;
      }
      this.waiters.push({ resolve, continueOnly });
      this.deliver();
    });
  }

  write(text: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export interface SlowRequest {
  label: string;
  conn: RawConnection;
  /** Sends the rest of the body. */
  finish(): void;
}

/**
 * Opens a request whose body is sent in two halves: the head (with `Expect: 100-continue`), then,
 * once the server has answered `100 Continue` (it has the request), the first half of the body.
 * `finish()` sends the rest. Fails when the server never says `100 Continue`.
 */
export async function slowRequest(port: number, { method = 'POST', path, json, headers = {}, label }: { method?: string; path: string; json: unknown; headers?: Record<string, string>; label: string }): Promise<SlowRequest> {
  const body = Buffer.from(JSON.stringify(json));
  const conn = await RawConnection.open(port);
  const head = [
    `${method} ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Expect: 100-continue',
    'Connection: keep-alive',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  const interim = conn.next(true);
  conn.write(`${head}\r\n\r\n`);
  const first = await interim;
  if (first.kind !== 'answered' || first.res.status !== 100) {
    conn.destroy();
    throw new Error(
      first.kind === 'answered'
        ? `${label}: the server answered ${first.res.status} before the body was sent (expected 100 Continue): ${first.res.body.slice(0, 200)}`
        : `${label}: the connection was ${first.how} before the server took the request`,
    );
  }
  const half = Math.floor(body.length / 2);
  conn.write(body.subarray(0, half));
  return { label, conn, finish: () => conn.write(body.subarray(half)) };
}

/** A keep-alive connection that has carried one answered request (GET `path`) and now sits idle. */
export async function idleKeepAlive(port: number, path = '/health/live'): Promise<{ conn: RawConnection; first: RawOutcome }> {
  const conn = await RawConnection.open(port);
  const answer = conn.next();
  conn.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
  return { conn, first: await answer };
}

/** Whether a new TCP connection to the port is accepted (and closed again at once) or refused. */
export function tryConnect(port: number, host = '127.0.0.1'): Promise<'accepted' | 'refused' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? 'refused' : (err.code ?? err.message)));
  });
}

/**
 * A keep-alive connection that has carried one answered request (GET /health/live) and holds the
 * start of a second one (GET `path`, its head not finished): the server has read it with the first
 * (one write, one segment on loopback), so the connection is in the middle of a request, not idle.
 * `finish()` ends the head; `next()` then gives the answer.
 */
export async function halfSentHead(port: number, path: string): Promise<{ conn: RawConnection; first: RawOutcome; finish(): void }> {
  const conn = await RawConnection.open(port);
  const answer = conn.next();
  conn.write(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\nGET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  return { conn, first: await answer, finish: () => conn.write('Connection: keep-alive\r\n\r\n') };
}

/**
 * A loopback address of its own for a check (127.x.y.z, which Linux routes to the loopback), so
 * that limits counted per client address (step 04) are the check's alone, also in a Redis other
 * runs share. Where only 127.0.0.1 exists (macOS), 127.0.0.1.
 */
export async function ownLoopbackAddress(): Promise<string> {
  const candidate = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const ok = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, candidate, () => server.close(() => resolve(true)));
  });
  return ok ? candidate : '127.0.0.1';
}
