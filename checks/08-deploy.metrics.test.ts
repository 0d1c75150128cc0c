/**
 * Step 08 · Deployment and operations: metrics. `/metrics` is scraped as Prometheus scrapes it
 * (the text format, read by a parser of the checks), before and after requests the check makes,
 * so that counts are compared exactly: what the requests added, nothing else.
 */
import { describe } from 'vitest';
import {
  api,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  fail,
  fileDatabase,
  loadApp,
  requirement,
  TEST_CONFIG,
  type Response,
} from './support/index.js';
import { labelValues, parseExposition, samplesOf, valueOf, type Exposition } from './support/prom.js';
import { dir, L, METRICS_TOKEN, person, short, tokenOf, uniqueTag, withApp } from './08-deploy.shared.js';

const BEARER = { Authorization: `Bearer ${METRICS_TOKEN}` };
const HISTOGRAM = 'http_request_duration_seconds';
const COUNT = `${HISTOGRAM}_count`;

type Target = Parameters<typeof api>[0];

/** GET /metrics with the token; fails unless it is 200 in the text format, parsed. */
async function scrape(target: Target, what: string): Promise<Exposition> {
  const res = await api(target).get('/metrics', { headers: BEARER });
  ensure(res.status === 200, { expected: `${what}: GET /metrics with Authorization: Bearer <METRICS_TOKEN> answers 200`, got: describeResponse(res), lesson: L.metrics });
  const type = String(res.headers['content-type'] ?? '');
  ensure(/^text\/plain|^application\/openmetrics-text/.test(type), {
    expected: 'the metrics in Prometheus\' text format (Content-Type: text/plain; version=0.0.4, what register.contentType says)',
    got: `Content-Type: ${type || 'none'}`,
    lesson: L.metrics,
  });
  const exp = parseExposition(res.text);
  ensure(exp.malformed.length === 0 && exp.samples.length > 0, {
    expected: 'a body in the exposition format: # HELP / # TYPE lines and samples name{label="value"} number',
    got: exp.samples.length === 0 ? `no sample: ${short(res.text)}` : `lines that are not samples: ${exp.malformed.slice(0, 3).join(' | ')}`,
    lesson: L.metrics,
  });
  return exp;
}

const total = (exp: Exposition) => valueOf(exp, COUNT);
const showSeries = (exp: Exposition) =>
  samplesOf(exp, COUNT)
    .map((s) => `{${Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',')}} ${s.value}`)
    .slice(0, 12)
    .join('; ') || `no ${COUNT} series`;

describe('metrics', () => {
  requirement('without METRICS_TOKEN, /metrics answers 404, whatever Authorization is sent (metrics are not public by default), while the same server with METRICS_TOKEN serves them', { lesson: L.metrics, covers: ['metrics-off'], timeout: 60_000, concurrent: true }, async () => {
    // The other side first: a /metrics that exists once configured, so that a 404 below means "off".
    await withApp({ env: { METRICS_TOKEN }, lesson: L.metrics }, (app) => scrape(app.url, 'with METRICS_TOKEN set'));
    await withApp({ lesson: L.metrics }, async (app) => {
      for (const headers of [{}, BEARER, { Authorization: 'Bearer ' }] as Record<string, string>[]) {
        const res = await api(app.url).get('/metrics', { headers });
        ensure(res.status === 404, {
          expected: `with METRICS_TOKEN unset, GET /metrics${headers.Authorization !== undefined ? ` with Authorization: ${short(headers.Authorization, 30)}` : ''} answers 404: nobody may read them until a token is configured`,
          got: describeResponse(res),
          hint: 'mount the /metrics route only when config.metricsToken is set',
          lesson: L.metrics,
        });
      }
    });
  });

  requirement(
    'with METRICS_TOKEN set, /metrics answers 401 with the Conduit error envelope without the token, with a wrong or truncated one, under another scheme, or in the URL, and 200 in the text format with Authorization: Bearer <token>',
    { lesson: L.metrics, covers: ['metrics-auth'], timeout: 60_000, concurrent: true },
    async () => {
      await withApp({ env: { METRICS_TOKEN }, lesson: L.metrics }, async (app) => {
        const tries: [string, Record<string, string>, string][] = [
          ['without Authorization', {}, '/metrics'],
          ['with a wrong token', { Authorization: `Bearer ${'w'.repeat(METRICS_TOKEN.length)}` }, '/metrics'],
          ['with the token minus its last character', { Authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` }, '/metrics'],
          ['with the token and one more character', { Authorization: `Bearer ${METRICS_TOKEN}x` }, '/metrics'],
          ['with the token in the URL', {}, `/metrics?token=${METRICS_TOKEN}`],
          // The whole value is "Bearer <token>": not the token under another scheme, nor alone.
          ['with the token under the scheme Token', { Authorization: `Token ${METRICS_TOKEN}` }, '/metrics'],
          ['with the bare token, no scheme', { Authorization: METRICS_TOKEN }, '/metrics'],
        ];
        for (const [label, headers, path] of tries) {
          const res = await api(app.url).get(path, { headers });
          ensure(res.status === 401, { expected: `GET /metrics ${label}: 401`, got: describeResponse(res), hint: 'compare the whole bearer token with crypto.timingSafeEqual (equal lengths first)', lesson: L.metrics });
          expectErrorEnvelope(res, L.metrics);
        }
        await scrape(app.url, 'with the right token');
      });
    },
  );

  requirement(
    'http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route="/api/articles/:slug" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted',
    { lesson: L.metrics, covers: ['metrics-histogram', 'metrics-not-counted'], timeout: 60_000, concurrent: true },
    async () => {
      await withApp({ env: { METRICS_TOKEN }, lesson: L.metrics }, async (app) => {
        const http = api(app.url);
        const tag = uniqueTag();
        const who = person('metrics');
        const created = await http.post('/api/users', { json: { user: who } });
        const token = tokenOf(created);
        ensure(typeof token === 'string', { expected: 'POST /api/users: 201 with a token', got: describeResponse(created), lesson: L.metrics });
        const article = await http.post('/api/articles', { headers: { Authorization: `Token ${token}` }, json: { article: { title: `Metrics ${tag}`, description: 'd', body: 'b', tagList: [] } } });
        const slug = (article.body as { article?: { slug?: unknown } })?.article?.slug;
        ensure(article.status === 201 && typeof slug === 'string', { expected: 'POST /api/articles: 201 with a slug', got: describeResponse(article), lesson: L.metrics });
        const missing = [`no-such-${tag}-1`, `no-such-${tag}-2`];
        const before = await scrape(app.url, 'before the requests');
        const answers: Response[] = [await http.get(`/api/articles/${slug}`), ...(await Promise.all(missing.map((m) => http.get(`/api/articles/${m}`)))), await http.get(`/unknown-${tag}/first`)];
        const statuses = answers.map((r) => r.status);
        ensure(statuses.join() === '200,404,404,404', { expected: 'GET /api/articles/<its slug> 200, two slugs that do not exist 404, an unknown path 404', got: statuses.join(', '), lesson: L.metrics });
        for (const p of ['/health/live', '/health/ready', '/health']) await http.get(p);
        const after = await scrape(app.url, 'after the requests');
        const delta = (status: string) => valueOf(after, COUNT, { method: 'GET', route: '/api/articles/:slug', status_code: status }) - valueOf(before, COUNT, { method: 'GET', route: '/api/articles/:slug', status_code: status });
        ensure(delta('200') === 1 && delta('404') === 2, {
          expected: `${COUNT}{method="GET",route="/api/articles/:slug",status_code="200"} up by 1 and {…,status_code="404"} up by 2 (two different slugs, one route)`,
          got: `up by ${delta('200')} and ${delta('404')}; the series now: ${showSeries(after)}`,
          hint: 'label the route with the Express route template: req.baseUrl + req.route.path, read when the response finishes ("unmatched" when no route matched)',
          lesson: L.metrics,
        });
        const added = total(after) - total(before);
        ensure(added === 4, {
          expected: `${COUNT} up by 4 in all between the two scrapes: the four API requests, not the health probes (3) nor the scrape before (monitoring noise, and probes every few seconds would drown the real traffic)`,
          got: `up by ${added}; the series now: ${showSeries(after)}`,
          lesson: L.metrics,
        });
        const raw = [slug, ...missing, tag];
        const leaked = after.samples.find((s) => Object.values(s.labels).some((v) => raw.some((r) => v.includes(r))));
        ensure(leaked === undefined, {
          expected: 'no label value that holds a slug or a path sent: each distinct value makes a new series, and random URLs would grow them without end',
          got: leaked ? `${leaked.name}{${Object.entries(leaked.labels).map(([k, v]) => `${k}="${v}"`).join(',')}}` : '',
          lesson: L.metrics,
        });
        const probes = [...labelValues(after, COUNT, 'route')].filter((r) => /metrics|health/.test(r));
        ensure(probes.length === 0, { expected: 'no series for /metrics or the health probes', got: `route values: ${probes.join(', ')}`, lesson: L.metrics });
        const unmatched = valueOf(after, COUNT, { route: 'unmatched' }) - valueOf(before, COUNT, { route: 'unmatched' });
        ensure(unmatched === 1, {
          expected: `the unknown path counted under route="unmatched" (up by 1): every path no route matches shares that one value`,
          got: `${COUNT}{route="unmatched"} up by ${unmatched}; the series now: ${showSeries(after)}`,
          lesson: L.metrics,
        });
        const routes = labelValues(after, COUNT, 'route');
        for (let i = 0; i < 5; i++) await http.get(`/random-${tag}-${i}/${uniqueTag()}`);
        const later = await scrape(app.url, 'after five unknown paths');
        const newRoutes = [...labelValues(later, COUNT, 'route')].filter((r) => !routes.has(r));
        ensure(newRoutes.length === 0 && total(later) - total(after) === 5, {
          expected: 'five more unknown paths counted (up by 5) under route="unmatched": no new route value',
          got: `up by ${total(later) - total(after)}${newRoutes.length ? `; new route values: ${newRoutes.slice(0, 5).join(', ')}` : ''}`,
          lesson: L.metrics,
        });
        // A request the JSON parser refuses (a broken client, a scanner) is a request too: a
        // middleware mounted after express.json() never sees it, and the 4xx rate comes out wrong.
        // Its route value is not asked for (no route has matched yet): only that it is counted.
        const refused = await http.post('/api/articles', { headers: { Authorization: `Token ${token}` }, raw: '{"article":' });
        ensure(refused.status === 400, { expected: 'POST /api/articles with a body that is not JSON: 400', got: describeResponse(refused), lesson: L.metrics });
        const last = await scrape(app.url, 'after a body that is not JSON');
        const of400 = (exp: Exposition) => samplesOf(exp, COUNT).filter((s) => s.labels.method === 'POST' && s.labels.status_code === '400').reduce((sum, s) => sum + s.value, 0);
        ensure(total(last) - total(later) === 1 && of400(last) - of400(later) === 1, {
          expected: `the POST whose body the JSON parser refused counted once, with method="POST" and status_code="400" (${COUNT} up by 1): the histogram counts every request, not only those that reach a route`,
          got: `up by ${total(last) - total(later)} in all, by ${of400(last) - of400(later)} with status_code="400"; the series now: ${showSeries(last)}`,
          hint: 'mount the metrics middleware before express.json(), so that it sees the requests the parser refuses',
          lesson: L.metrics,
        });
        const buckets = samplesOf(later, `${HISTOGRAM}_bucket`);
        ensure(later.types.get(HISTOGRAM) === 'histogram' && buckets.some((b) => b.labels.le === '+Inf') && samplesOf(later, `${HISTOGRAM}_sum`).length > 0, {
          expected: `${HISTOGRAM} as a histogram (# TYPE … histogram, _bucket{le="+Inf"}, _sum, _count)`,
          got: `# TYPE ${later.types.get(HISTOGRAM) ?? 'missing'}, ${buckets.length} bucket sample(s)`,
          lesson: L.metrics,
        });
      });
    },
  );

  requirement(
    'the metrics include the http_requests_in_flight gauge, db_pool_connections by state (in_use, idle, waiting) and Node\'s process metrics (process_cpu_seconds_total, nodejs_eventloop_lag_seconds)',
    { lesson: L.metrics, covers: ['metrics-gauges'], timeout: 60_000, concurrent: true },
    async () => {
      await withApp({ env: { METRICS_TOKEN }, lesson: L.metrics }, async (app) => {
        for (let i = 0; i < 3; i++) await api(app.url).get('/api/tags');
        const exp = await scrape(app.url, 'once the server has answered three requests');
        const inFlight = samplesOf(exp, 'http_requests_in_flight');
        ensure(exp.types.get('http_requests_in_flight') === 'gauge' && inFlight.length > 0 && inFlight.every((s) => Number.isInteger(s.value) && s.value >= 0 && s.value <= 1), {
          expected: 'http_requests_in_flight, a gauge: 0 once the three requests before the scrape are answered (1 if it counts the scrape itself)',
          got: inFlight.length ? inFlight.map((s) => `${s.value}`).join(', ') : `no such sample (# TYPE ${exp.types.get('http_requests_in_flight') ?? 'missing'})`,
          hint: 'inc() when a request comes in, dec() when it finishes or its connection closes, whichever comes first (once)',
          lesson: L.metrics,
        });
        const states = new Set(samplesOf(exp, 'db_pool_connections').map((s) => s.labels.state));
        const missingStates = ['in_use', 'idle', 'waiting'].filter((s) => !states.has(s));
        ensure(exp.types.get('db_pool_connections') === 'gauge' && missingStates.length === 0, {
          expected: 'db_pool_connections, a gauge with state="in_use", "idle" and "waiting" (read from the Sequelize pool at scrape time)',
          got: `${exp.types.has('db_pool_connections') ? `# TYPE ${exp.types.get('db_pool_connections')}, ` : 'no such metric, '}missing: ${missingStates.join(', ') || 'none'}`,
          lesson: L.metrics,
        });
        const defaults = ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds'].filter((n) => samplesOf(exp, n).length === 0);
        ensure(defaults.length === 0, { expected: "Node's process metrics (collectDefaultMetrics({ register }))", got: `missing: ${defaults.join(', ')}`, lesson: L.metrics });
      });
    },
  );

  requirement('two apps made by createApp in one process keep their own metrics: requests answered by one are not counted by the other', { lesson: L.metrics, covers: ['metrics-per-app'] }, async () => {
    const { test } = await fileDatabase(dir);
    const config = { ...TEST_CONFIG, database: test.config, metricsToken: METRICS_TOKEN };
    let a: Target;
    let b: Target;
    try {
      a = (await loadApp(dir, { config })).app;
      b = (await loadApp(dir, { config })).app;
    } catch (err) {
      fail({
        expected: 'createApp(deps) to make a second app in the same process (the tests do: one app per test)',
        got: (err as Error).message.split('\n')[0],
        hint: 'a Registry per app (new Registry() in createApp), metrics registered on it, not on prom-client\'s global register',
        lesson: L.metrics,
      });
    }
    const first = await api(a).get('/metrics', { headers: BEARER });
    if (first.status === 404) {
      fail({
        expected: 'createApp({ config: { …, metricsToken } }) to serve /metrics (the config key the lesson\'s contract names)',
        got: describeResponse(first),
        lesson: L.metrics,
      });
    }
    const before = { a: await scrape(a, 'app A'), b: await scrape(b, 'app B') };
    for (let i = 0; i < 3; i++) await api(a).get('/api/tags');
    const after = { a: await scrape(a, 'app A'), b: await scrape(b, 'app B') };
    const da = total(after.a) - total(before.a);
    const db = total(after.b) - total(before.b);
    ensure(da === 3 && db === 0, {
      expected: 'three requests to app A: A\'s request count up by 3, B\'s unchanged',
      got: `A up by ${da}, B up by ${db}`,
      hint: 'each app its own Registry; a metric registered on the global one is shared by every app of the process',
      lesson: L.metrics,
    });
  });
});
