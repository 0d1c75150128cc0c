import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT defaults with || instead of ??: PORT=0 (valid: any free port) is taken as unset and the server listens on 3000',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: "  const portText = env.PORT ?? '3000';\n  const port = Number(portText);\n  if (!/^\\d+$/.test(portText) || port > 65535) {", replace: '  const port = Number(env.PORT) || 3000;\n  if (!Number.isInteger(port) || port < 0 || port > 65535) {' }],
} satisfies WrongSubmission;
