/**
 * The suite's HTTP client: loopback only, one keep-alive agent per client address, a generous
 * per-request timeout (a timeout is reported as a timeout, never as a verdict on speed), and a
 * log of every request sent, replayable (method, path, headers, body, status, seed).
 */
import http from 'node:http';
import zlib from 'node:zlib';

export type Status = number | 'timeout' | 'error';

export interface Sent {
  n: number;
  phase: string;
  seed: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The body as text (lone surrogates survive JSON.stringify of the log as \\udXXX escapes). */
  body?: string;
  /** A body that is not valid UTF-8, as base64. */
  bodyBase64?: string;
  /** The loopback address the request came from (the server's rate limits count per address). */
  client: string;
  status: Status;
  error?: string;
  /** Why this request counts as a failure of the suite, if it does. */
  problem?: string;
}

export interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as it is (with whatever Content-Type `headers` says). */
  body?: string | Buffer;
  /** Authorization: Token <token>. */
  token?: string;
  /** The loopback source address (127.x.y.z); 127.0.0.1 by default. */
  client?: string;
}

export interface Answer {
  status: Status;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  headers: http.IncomingHttpHeaders;
  entry: Sent;
}

const isUtf8 = (buf: Buffer): boolean => Buffer.from(buf.toString('utf8'), 'utf8').equals(buf);

export class Client {
  readonly log: Sent[] = [];
  private readonly agents = new Map<string, http.Agent>();
  /** Whether this machine lets us send from 127.x.y.z other than 127.0.0.1 (Linux does). */
  manyAddresses = true;

  constructor(
    private readonly port: number,
    readonly seed: number,
    private readonly timeoutMs = 30_000,
  ) {}

  private agent(client: string): http.Agent {
    let agent = this.agents.get(client);
    if (!agent) {
      agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
      this.agents.set(client, agent);
    }
    return agent;
  }

  /** A distinct loopback address for `n` (127.77.x.y), or 127.0.0.1 where only that one exists. */
  address(n: number, block = 77): string {
    if (!this.manyAddresses) return '127.0.0.1';
    return `127.${block}.${(n >> 8) & 255}.${(n & 255) || 1}`;
  }

  async probeAddresses(): Promise<void> {
    const answer = await this.send('setup', { method: 'GET', path: '/health', client: '127.77.0.1' }, { record: false });
    this.manyAddresses = typeof answer.status === 'number';
  }

  send(phase: string, req: Request, { record = true } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...req.headers };
    let body: Buffer | undefined;
    if (req.json !== undefined) {
      body = Buffer.from(JSON.stringify(req.json), 'utf8');
      headers['content-type'] ??= 'application/json';
    } else if (req.body !== undefined) {
      body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    }
    if (req.token !== undefined) headers.authorization = `Token ${req.token}`;
    const client = req.client ?? '127.0.0.1';
    const entry: Sent = {
      n: this.log.length + 1,
      phase,
      seed: this.seed,
      method: req.method,
      path: req.path,
      headers,
      client,
      status: 'error',
    };
    if (body !== undefined) {
      if (req.json !== undefined || typeof req.body === 'string') entry.body = req.json !== undefined ? JSON.stringify(req.json) : (req.body as string);
      else if (isUtf8(body)) entry.body = body.toString('utf8');
      else entry.bodyBase64 = body.toString('base64');
    }
    if (record) this.log.push(entry);
    return new Promise((resolve) => {
      let settled = false;
      const done = (status: Status, text = '', resHeaders: http.IncomingHttpHeaders = {}, error?: string) => {
        if (settled) return;
        settled = true;
        entry.status = status;
        if (error) entry.error = error;
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status, text, json, headers: resHeaders, entry });
      };
      const outgoing = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: req.method,
          path: req.path,
          headers: body !== undefined ? { ...headers, 'content-length': String(body.length) } : headers,
          localAddress: client,
          agent: this.agent(client),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            // A junk Accept-Encoding may still get a compressed answer: read it as a browser would.
            const raw = Buffer.concat(chunks);
            const coding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
            let text: string;
            try {
              text = (coding === 'gzip' ? zlib.gunzipSync(raw) : coding === 'deflate' ? zlib.inflateSync(raw) : coding === 'br' ? zlib.brotliDecompressSync(raw) : raw).toString('utf8');
            } catch (err) {
              entry.problem ??= `the answer says Content-Encoding: ${coding} but does not decompress (${(err as Error).message})`;
              text = '';
            }
            if (!['identity', 'gzip', 'deflate', 'br'].includes(coding)) entry.problem ??= `an answer in a Content-Encoding the client did not ask for: ${coding}`;
            done(res.statusCode ?? 'error', text, res.headers);
          });
          res.on('error', (err) => done('error', '', {}, err.message));
        },
      );
      outgoing.setTimeout(this.timeoutMs, () => {
        done('timeout', '', {}, `no answer within ${this.timeoutMs / 1000} s`);
        outgoing.destroy();
      });
      outgoing.on('error', (err) => done('error', '', {}, err.message));
      outgoing.end(body);
    });
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}

/** One line of the replayable list, short enough to read (the file has the whole body). */
export function describe(entry: Sent, max = 300): string {
  const raw = entry.body !== undefined ? JSON.stringify(entry.body) : entry.bodyBase64 !== undefined ? `base64:${entry.bodyBase64}` : '';
  const body = raw.length > max ? `${raw.slice(0, max)}… (${raw.length} chars)` : raw;
  const path = entry.path.length > max ? `${entry.path.slice(0, max)}… (${entry.path.length} chars)` : entry.path;
  const shown = Object.entries(entry.headers).filter(([k]) => k !== 'authorization' && !(k === 'content-type' && entry.headers[k] === 'application/json'));
  const auth = `${entry.headers.authorization ? ` [Authorization: ${entry.headers.authorization.slice(0, 24)}${entry.headers.authorization.length > 24 ? '…' : ''}]` : ''}${shown.map(([k, v]) => ` [${k}: ${v}]`).join('')}`;
  return `#${entry.n} [${entry.phase}] ${entry.method} ${path}${auth} ${body} → ${entry.status}${entry.error ? ` (${entry.error})` : ''}${entry.problem ? ` — ${entry.problem}` : ''} (seed ${entry.seed}, from ${entry.client})`;
}
