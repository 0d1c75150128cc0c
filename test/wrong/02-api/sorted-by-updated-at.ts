import type { WrongSubmission } from '../types.js';

export default {
  description: 'the list is sorted by updatedAt, so an edited article jumps to the top although "newest" means the latest createdAt',
  caughtBy: 'any sequence of creates, reads, updates, deletes, lists and tag lists answers as the lesson says, request after request',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '  return b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;',
      replace: '  return b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id;',
    },
  ],
} satisfies WrongSubmission;
