import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update validates tagList and then stores it as sent: unsorted, and with repeated tags, where a create sorts and de-duplicates it',
  caughtBy: "tagList comes back sorted alphabetically, without duplicates, and [] when none was sent",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '    if (tagList !== undefined) changes.tagList = tagList;',
      replace: '    if (tagList !== undefined) changes.tagList = article.tagList as string[];',
    },
  ],
} satisfies WrongSubmission;
