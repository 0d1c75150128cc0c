import type { WrongSubmission } from '../types.js';

export default {
  description:
    "a ?favorited= list skips the viewer's favorited subquery and shows every article as favorited to a signed-in reader, as if they were the user named: right for ada reading ?favorited=ada, wrong for bob reading it",
  caughtBy: 'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: '      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };',
      replace:
        '      const shown = rows.map(toRecord).map((a) => (favorited !== undefined && viewerId !== undefined ? { ...a, favorited: true } : a));\n      return { articles: shown, articlesCount: Number(counted?.n ?? 0) };',
    },
  ],
} satisfies WrongSubmission;
