import type { WrongSubmission } from '../types.js';

export default {
  description: "new tags are inserted without { transaction }: they stay behind when the article fails",
  caughtBy: "an article and its tags are saved together or not at all: a failure halfway leaves no article behind",
  dialects: ["mysql"],
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      { ignoreDuplicates: true, transaction },", replace: "      { ignoreDuplicates: true }," },
  ],
} satisfies WrongSubmission;
