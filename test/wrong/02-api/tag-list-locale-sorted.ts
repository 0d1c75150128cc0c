import type { WrongSubmission } from '../types.js';

export default {
  description: 'tagList is sorted with localeCompare, so "tea" comes before "Tea" instead of the order sort() gives',
  caughtBy: "tagList comes back sorted alphabetically, without duplicates, and [] when none was sent",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "  return [...new Set(value.map((tag: string) => tag.trim()))].sort();",
      replace: "  return [...new Set(value.map((tag: string) => tag.trim()))].sort((a, b) => a.localeCompare(b));",
    },
  ],
} satisfies WrongSubmission;
