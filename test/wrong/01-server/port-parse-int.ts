import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT is read with parseInt, which stops at the first non-digit: PORT=3000.5 or PORT=3000abc is taken as 3000',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: "  const portText = env.PORT ?? '3000';\n  const port = Number(portText);\n  if (!/^\\d+$/.test(portText) || port > 65535) {", replace: "  const port = parseInt(env.PORT ?? '3000', 10);\n  if (!Number.isInteger(port) || port < 0 || port > 65535) {" }],
} satisfies WrongSubmission;
