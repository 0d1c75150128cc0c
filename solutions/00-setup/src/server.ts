// Loads .env into process.env. It must come first: imports run in order, before the code below.
import 'dotenv/config';
import express from 'express';

const app = express();

app.get('/', (_req, res) => {
  res.json({ message: 'Hello from the Conduit API' });
});

const port = Number(process.env.PORT ?? 3000);

app.listen(port, (error) => {
  // Express 5 passes start-up errors (such as EADDRINUSE: the port is taken) to this callback.
  if (error) throw error;
  console.log(`Server listening on http://localhost:${port}`);
});
