import type { WrongSubmission } from '../types.js';

export default {
  description: "the feed loads each article's tags with its own query",
  caughtBy: "GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };", replace: "      // Each article's tags on their own, after the page.\n      for (const row of rows) {\n        const names = await db.query<{ name: string }>('SELECT t.name AS name FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE at.article_id = :id', { replacements: { id: row.id }, type: QueryTypes.SELECT });\n        row.tagList = JSON.stringify(names.map((n) => n.name));\n      }\n      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };" },
  ],
} satisfies WrongSubmission;
