import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags cache is a module-level variable, shared by every app in the process whatever database it reads",
  caughtBy: "the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own",
  edits: [
    { file: "src/tags/tags.service.ts", find: "export function createTagsService(articles: ArticleRepository): TagsService {\n  let cached: string[] | undefined;\n  // Bumped by every invalidation. A read that began before a write and ends after it carries the\n  // old number: its (possibly stale) list is returned to its own caller, never kept.\n  let generation = 0;\n", replace: "let cached: string[] | undefined;\n// Bumped by every invalidation. A read that began before a write and ends after it carries the\n// old number: its (possibly stale) list is returned to its own caller, never kept.\nlet generation = 0;\n\nexport function createTagsService(articles: ArticleRepository): TagsService {\n" },
  ],
} satisfies WrongSubmission;
