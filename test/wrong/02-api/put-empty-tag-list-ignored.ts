import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update with "tagList": [] is taken as "no tags sent": the old tags stay (and a PUT with only tagList: [] answers 422)',
  caughtBy: "a tag no article carries any more leaves GET /api/tags",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '    if (tagList !== undefined) changes.tagList = tagList;',
      replace: '    if (tagList !== undefined && tagList.length > 0) changes.tagList = tagList;',
    },
  ],
} satisfies WrongSubmission;
