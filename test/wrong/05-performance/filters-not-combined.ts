import type { WrongSubmission } from '../types.js';

export default {
  description: "the filters are an else-if chain: with ?tag= and ?author= together, only the tag counts",
  caughtBy: "?author= keeps only that author's articles, an unknown author gives an empty list, and it combines with ?tag=",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      if (author !== undefined) where.push(", replace: "      else if (author !== undefined) where.push(" },
  ],
} satisfies WrongSubmission;
