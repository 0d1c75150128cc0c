import { Router, type RequestHandler } from 'express';

/**
 * GET /api/docs: a small page of our own that reads /api/openapi.json and lists the operations,
 * their parameters, bodies and answers. Its script and its styles are files served here (no CDN,
 * no inline script), under a Content-Security-Policy of its own that allows exactly that.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Conduit API</title>
  <link rel="stylesheet" href="/api/docs/page.css">
  <script src="/api/docs/page.js" defer></script>
</head>
<body>
  <header><h1>Conduit API</h1><p>The document itself: <a href="/api/openapi.json">/api/openapi.json</a></p></header>
  <main id="operations"><noscript>This page reads the document with JavaScript; the document is at /api/openapi.json.</noscript></main>
</body>
</html>
`;

const CSS = `body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
details { border: 1px solid #ddd; border-radius: 4px; margin: .5rem 0; }
summary { cursor: pointer; padding: .5rem; }
details > div { padding: 0 .75rem .75rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: bold; text-transform: uppercase; }
.get { color: #0a7; } .post { color: #06c; } .put { color: #c80; } .delete { color: #c22; }
.lock { margin-left: .5rem; font-size: .85em; color: #777; }
pre { background: #f6f6f6; padding: .5rem; overflow: auto; font-size: 13px; }
`;

// No innerHTML with the document's text: every string goes in as textContent.
const SCRIPT = `(async () => {
  const main = document.getElementById('operations');
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const child of children) node.append(child);
    return node;
  };
  const resolve = (doc, value) => {
    let at = value;
    for (let i = 0; at && typeof at.$ref === 'string' && at.$ref.startsWith('#/') && i < 10; i++) {
      at = at.$ref.slice(2).split('/').reduce((o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
    }
    return at;
  };
  let doc;
  try {
    const res = await fetch('/api/openapi.json', { headers: { Accept: 'application/json' } });
    doc = await res.json();
  } catch (err) {
    main.replaceChildren(el('p', { textContent: 'Could not read /api/openapi.json: ' + err }));
    return;
  }
  main.replaceChildren();
  if (doc.info && doc.info.description) main.append(el('p', { textContent: doc.info.description }));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    main.append(el('h2', { textContent: tag }));
    for (const { path, method, op } of ops) {
      const locked = Array.isArray(op.security) && op.security.length > 0 && !op.security.some((s) => Object.keys(s).length === 0);
      const optional = Array.isArray(op.security) && op.security.length > 1;
      const body = el('div');
      if (op.description) body.append(el('p', { textContent: op.description }));
      for (const p of op.parameters || []) {
        body.append(el('p', {}, el('code', { textContent: p.name }), ' (' + p.in + (p.required ? ', required' : '') + ')' + (p.description ? ': ' + p.description : '')));
      }
      if (op.requestBody) {
        const schema = resolve(doc, op.requestBody.content['application/json'].schema);
        body.append(el('h4', { textContent: 'Request body' }), el('pre', { textContent: JSON.stringify(schema, null, 2) }));
      }
      for (const [status, raw] of Object.entries(op.responses || {})) {
        const response = resolve(doc, raw);
        const content = response.content && (response.content['application/json'] || response.content['text/html']);
        body.append(el('h4', { textContent: status + ' ' + response.description }));
        if (content && content.schema) body.append(el('pre', { textContent: JSON.stringify(resolve(doc, content.schema), null, 2) }));
      }
      main.append(
        el('details', {},
          el('summary', {},
            el('span', { className: 'method ' + method, textContent: method }),
            el('code', { textContent: path }),
            ' ' + (op.summary || ''),
            el('span', { className: 'lock', textContent: locked ? 'token required' : optional ? 'token optional' : '' })),
          body),
      );
    }
  }
})();
`;

/** A policy for the docs page alone: its own scripts, styles, and fetches to this server, nothing else. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const withCsp: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', DOCS_CSP);
  next();
};

export function docsPage(): Router {
  const router = Router();
  router.get('/docs', withCsp, (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/page.js', withCsp, (_req, res) => {
    res.type('js').send(SCRIPT);
  });
  router.get('/docs/page.css', withCsp, (_req, res) => {
    res.type('css').send(CSS);
  });
  return router;
}
