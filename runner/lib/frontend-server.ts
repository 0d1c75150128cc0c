/**
 * Serves the workshop's Conduit web client (frontend/) on its own origin, so the browser calls the
 * learner's API cross-origin and their CORS allow-list decides. Static files only, plus /config.js
 * (where the API is). Loopback only; GET and HEAD only; no directory listing; nothing outside
 * frontend/; requests must name this server as their Host (no DNS rebinding).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { localHosts } from './local-hosts.js';
import { ROOT } from './paths.js';

export const FRONTEND_DIR = path.join(ROOT, 'frontend');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * `http://localhost:3000` from what the learner typed, or an error message. Only an origin: a
 * scheme, a host and maybe a port, because the client adds `/api` itself.
 */
export function parseApiOrigin(input: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { error: `--api must be a URL like http://localhost:3000 (got "${input}")` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `--api must start with http:// or https:// (got "${input}")` };
  if (url.username || url.password) return { error: '--api must not contain a user name or password' };
  if (url.pathname === '/api' || url.pathname === '/api/') return { error: `--api is the server's origin, without /api: --api ${url.origin}` };
  if (url.pathname !== '/' || url.search || url.hash) return { error: `--api must be an origin only, like ${url.origin} (no path, query or #)` };
  return { origin: url.origin };
}

/**
 * The file a URL path names inside `root`, or undefined: `/` is index.html; encoded or plain `..`,
 * dot-files, folders, unknown file types and links that lead outside `root` are all refused.
 */
export function resolveStatic(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  if (!(path.extname(relative) in TYPES)) return undefined;
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(path.join(realRoot, relative));
    if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

export interface FrontendServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port`, or on a free port when that one is taken (`port` 0: any free port).
 * `apiOrigin` is validated (parseApiOrigin) by the caller.
 */
export async function startFrontendServer({ apiOrigin, port, fallbackPort, root = FRONTEND_DIR }: { apiOrigin: string; port: number; fallbackPort: () => Promise<number>; root?: string }): Promise<FrontendServer> {
  let actual = port;
  const config = `// Written by npm run frontend (runner/lib/frontend-server.ts): where the API is.\nexport const API_URL = ${JSON.stringify(`${apiOrigin}/api`)};\n`;
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Scripts and styles from here only; calls to here and to the API only; pictures from anywhere.
    'Content-Security-Policy': `default-src 'self'; connect-src 'self' ${apiOrigin}; img-src * data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'Cache-Control': 'no-cache',
  };
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { ...headers, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!localHosts(actual).includes(req.headers.host ?? '')) {
      return send(403, 'text/plain; charset=utf-8', `Open http://localhost:${actual}/ (this server answers only to its own address).`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'Only GET and HEAD here: the API is elsewhere.');
    }
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/config.js') return send(200, TYPES['.js'], config);
    const file = resolveStatic(root, pathname);
    if (!file) return send(404, 'text/plain; charset=utf-8', 'Not found');
    fs.readFile(file, (err, data) => (err ? send(404, 'text/plain; charset=utf-8', 'Not found') : send(200, TYPES[path.extname(file)], data)));
  });
  server.keepAliveTimeout = 1000;
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
    await listen(await fallbackPort());
  }
  actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Asks the API what a browser on `origin` would: may this origin read your answers? For the
 * learner's terminal only; the client says the same in the browser.
 */
export async function probeCors(apiOrigin: string, origin: string): Promise<'allowed' | 'refused' | 'unreachable'> {
  try {
    const res = await fetch(`${apiOrigin}/api/tags`, { headers: { Origin: origin }, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    const allowed = res.headers.get('access-control-allow-origin');
    return allowed === origin || allowed === '*' ? 'allowed' : 'refused';
  } catch {
    return 'unreachable';
  }
}
