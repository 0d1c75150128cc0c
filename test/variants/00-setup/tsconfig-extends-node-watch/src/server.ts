import 'dotenv/config';
import express from 'express';

const app = express();

app.get('/', (_req, res) => {
  res.json({ hello: 'conduit' });
});

const port = Number.parseInt(process.env['PORT'] ?? '3000', 10);

app.listen({ port }, () => {
  console.info(`listening: http://127.0.0.1:${port}`);
});
