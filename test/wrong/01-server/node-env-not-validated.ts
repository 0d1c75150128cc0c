import type { WrongSubmission } from '../types.js';

export default {
  description: 'NODE_ENV is never checked: NODE_ENV=staging starts the server as if it were valid',
  caughtBy: 'every invalid variable is reported at once: PORT, NODE_ENV and LOG_LEVEL each named',
  edits: [{ file: 'src/config.ts', find: "  if (!(ENVIRONMENTS as readonly string[]).includes(nodeEnv)) {\n    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`);\n  }\n", replace: '' }],
} satisfies WrongSubmission;
