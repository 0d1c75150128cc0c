import type { WrongSubmission } from '../types.js';

export default {
  description:
    "?favorited= looks the user up first and filters by their id: for a username nobody has, the filter is skipped and the whole list comes back, where the starter answers an empty list",
  caughtBy: 'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "      if (favorited !== undefined) where.push('a.id IN (SELECT f.article_id FROM favorites AS f JOIN users AS u2 ON u2.id = f.user_id WHERE u2.username = :favorited)');",
      replace:
        "      if (favorited !== undefined) {\n        const [fan] = await db.query<{ id: number }>('SELECT id FROM users WHERE username = :favorited', { replacements: { favorited }, type: QueryTypes.SELECT });\n        if (fan) where.push(`a.id IN (SELECT f.article_id FROM favorites AS f WHERE f.user_id = ${Number(fan.id)})`);\n      }",
    },
  ],
} satisfies WrongSubmission;
