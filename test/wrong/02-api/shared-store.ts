import type { WrongSubmission } from '../types.js';

export default {
  description: 'the store is created once at module level, so every app built by createApp shares the same articles',
  caughtBy: 'each createApp() call starts with its own empty set of articles',
  edits: [
    {
      file: 'src/app.ts',
      find: '  const articleStore = createArticleStore();\n',
      replace: '',
    },
    {
      file: 'src/app.ts',
      find: '/** Builds the Express app.',
      replace: 'const articleStore = createArticleStore();\n\n/** Builds the Express app.',
    },
  ],
} satisfies WrongSubmission;
