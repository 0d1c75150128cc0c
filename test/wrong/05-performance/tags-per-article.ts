import type { WrongSubmission } from '../types.js';

export default {
  description: "the feed loads each article's tags with its own query",
  caughtBy: "GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "    const tags = await tagsOf(\n      rows.map((r) => r.id),\n      transaction,\n    );", replace: "    const tags = new Map<number, string[]>();\n    for (const r of rows) tags.set(r.id, (await tagsOf([r.id], transaction)).get(r.id) ?? []);" },
  ],
} satisfies WrongSubmission;
