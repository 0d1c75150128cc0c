import http from 'node:http';
import dotenv from 'dotenv';
import express, { type Request, type Response } from 'express';

// Before anything reads process.env.
dotenv.config({ quiet: true });

const app = express();

app.get('/', (_req: Request, res: Response) => {
  res.status(200).json({ greeting: 'Welcome to Conduit', docs: '/docs' });
});

const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
const host = process.env.PUBLIC_HOST ?? 'localhost';

const server = http.createServer(app);
server.listen(port, () => {
  console.log(`Conduit API ready at http://${host}:${port}/`);
});
server.on('error', (err) => {
  console.error(`could not listen on port ${port}: ${err.message}`);
  process.exit(1);
});
