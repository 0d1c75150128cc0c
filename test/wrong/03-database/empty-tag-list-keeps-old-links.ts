import type { WrongSubmission } from '../types.js';

export default {
  description: 'setTags returns early for an empty tag list before it deletes the old links: an update to "tagList": [] keeps the old tags',
  caughtBy: 'any sequence of creates, updates, deletes, comments and comment deletes leaves in the tables exactly what the requests made',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: '    if (replace) await ArticleTag.destroy({ where: { articleId }, transaction });\n    if (names.length === 0) return;\n',
      replace: '    if (names.length === 0) return;\n    if (replace) await ArticleTag.destroy({ where: { articleId }, transaction });\n',
    },
  ],
} satisfies WrongSubmission;
