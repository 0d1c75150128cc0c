import type { WrongSubmission } from '../types.js';

export default {
  description:
    'the COUNT is skipped when the page comes back short (it must be the last one: offset + its length is the total), which is wrong for a page past the end: ?offset=50 on 12 articles answers articlesCount 50',
  caughtBy: 'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
  edits: [
    { file: 'src/articles/articles.repository.ts', find: '      const [rows, [counted]] = await Promise.all([', replace: '      const [rows] = await Promise.all([' },
    {
      file: 'src/articles/articles.repository.ts',
      find: "        db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM articles AS a${filter}`, { replacements, type: QueryTypes.SELECT }),\n      ]);\n",
      replace:
        "      ]);\n      // A short page is the last one: what it holds is all that is left, no COUNT needed.\n      if (rows.length < limit) return { articles: rows.map(toRecord), articlesCount: offset + rows.length };\n      const [counted] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM articles AS a${filter}`, { replacements, type: QueryTypes.SELECT });\n",
    },
  ],
} satisfies WrongSubmission;
