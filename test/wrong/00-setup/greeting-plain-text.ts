import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET / answers with res.send and a plain string, not a JSON object',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [{ file: 'src/server.ts', find: "res.json({ message: 'Hello from the Conduit API' });", replace: "res.send('Hello from the Conduit API');" }],
} satisfies WrongSubmission;
