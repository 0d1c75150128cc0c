import { describe } from 'vitest';
import { targetDir, requirement, loadApp, api, expectStatus, lessonLink } from './support/index.js';
const dir = targetDir('01-server');
const lesson = lessonLink('01-server');
describe('health', () => {
  requirement('GET /health answers 200', { lesson: lesson('health') }, async () => {
    const { app } = await loadApp(dir);
    expectStatus(await api(app).get('/health'), 200, lesson('health'));
  });
  requirement('GET /nope answers 404', { lesson: lesson('json-404') }, async () => {
    const { app } = await loadApp(dir);
    expectStatus(await api(app).get('/nope'), 404, lesson('json-404'));
  });
});
