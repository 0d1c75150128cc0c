import type { WrongSubmission } from '../types.js';

export default {
  description: "the service sends ?tag= and ?author= to the database as given, trailing spaces and all (MySQL ignores them)",
  caughtBy: "?tag= and ?author= with a space at either end match nothing, on every dialect",
  dialects: ["mysql"],
  edits: [
    { file: "src/articles/articles.service.ts", find: "      if ([filter.tag, filter.author].some((value) => value !== undefined && value !== value.trim())) return { articles: [], articlesCount: 0 };\n", replace: "" },
  ],
} satisfies WrongSubmission;
