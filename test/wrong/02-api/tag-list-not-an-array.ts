import type { WrongSubmission } from '../types.js';

export default {
  description: 'tagList is never checked to be an array: "tagList": "dragons" crashes with a TypeError (500)',
  caughtBy: 'POST /api/articles answers 422 when tagList is not an array of non-blank strings',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string' && tag.trim() !== '')) {",
      replace: "  const tags = value as string[];\n  if (!tags.every((tag) => typeof tag === 'string' && tag.trim() !== '')) {",
    },
    {
      file: 'src/articles/articles.service.ts',
      find: '  return [...new Set(value.map((tag: string) => tag.trim()))].sort();',
      replace: '  return [...new Set(tags.map((tag) => tag.trim()))].sort();',
    },
  ],
} satisfies WrongSubmission;
