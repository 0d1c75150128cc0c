import type { WrongSubmission } from '../types.js';

export default {
  description: "favoritesCount is counted with one query per article after the page is loaded",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };", replace: "      const { Favorite: Favorites } = db.models as unknown as Models;\n      for (const row of rows) row.favoritesCount = await Favorites.count({ where: { articleId: row.id } });\n      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };" },
  ],
} satisfies WrongSubmission;
