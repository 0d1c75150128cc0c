import type { WrongSubmission } from '../types.js';

export default {
  description: 'an author with no articles answers 404 instead of an empty list',
  caughtBy: "?author= keeps only that author's articles, an unknown author gives an empty list, and it combines with ?tag=",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '        .sort(newestFirst);\n',
      replace: "        .sort(newestFirst);\n      if (author !== undefined && matching.length === 0) throw new NotFoundError('author');\n",
    },
  ],
} satisfies WrongSubmission;
