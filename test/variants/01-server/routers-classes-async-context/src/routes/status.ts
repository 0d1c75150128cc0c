import { Router } from 'express';

export function statusRouter(now: () => Date): Router {
  return Router().get('/health', async (_req, res) => {
    const time = now().toISOString();
    res.json({ status: 'ok', time });
  });
}
