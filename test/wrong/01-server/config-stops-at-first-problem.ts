import type { WrongSubmission } from '../types.js';

export default {
  description: 'loadConfig throws at the first bad variable, so whoever deploys fixes PORT, restarts, and only then learns about LOG_LEVEL',
  caughtBy: 'every invalid variable is reported at once: PORT, NODE_ENV and LOG_LEVEL each named',
  edits: [
    {
      file: 'src/config.ts',
      find: "    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`);",
      replace: "    throw new ConfigError([`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`]);",
    },
  ],
} satisfies WrongSubmission;
