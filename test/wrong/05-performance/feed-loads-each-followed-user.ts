import type { WrongSubmission } from '../types.js';

export default {
  description: "the feed loads each followed user with a query of its own before the page query: statements grow with the follows",
  caughtBy: "GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7",
  edits: [
    {
      file: "src/articles/articles.repository.ts",
      find: "      const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';",
      replace: "      if (feedOf !== undefined) {\n        const followed = await db.query<{ id: number }>('SELECT followed_id AS id FROM follows WHERE follower_id = :feedOf', { replacements: { feedOf }, type: QueryTypes.SELECT });\n        for (const f of followed) await db.query('SELECT id FROM users WHERE id = :id', { replacements: { id: f.id }, type: QueryTypes.SELECT });\n      }\n      const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';",
    },
  ],
} satisfies WrongSubmission;
