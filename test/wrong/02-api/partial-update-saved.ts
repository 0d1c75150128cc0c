import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update saves the fields that passed validation before answering 422 for the ones that did not',
  caughtBy: 'PUT /api/articles/:slug answers 422 for a blank or wrong-typed field and changes nothing',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      const changes: ArticleChanges = parseChanges(input);',
      replace: '      const changes: ArticleChanges = parseChanges(input, (valid) => store.update(article.id, valid));',
    },
    {
      file: 'src/articles/articles.service.ts',
      find: 'function parseChanges(input: unknown): ArticleChanges {',
      replace: 'function parseChanges(input: unknown, saveValid?: (changes: ArticleChanges) => void): ArticleChanges {',
    },
    {
      file: 'src/articles/articles.service.ts',
      find: '  throwIfAny(errors);\n  if (Object.keys(changes).length === 0) {',
      replace: '  if (Object.keys(changes).length > 0) saveValid?.(changes);\n  throwIfAny(errors);\n  if (Object.keys(changes).length === 0) {',
    },
  ],
} satisfies WrongSubmission;
