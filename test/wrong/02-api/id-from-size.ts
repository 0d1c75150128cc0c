import type { WrongSubmission } from '../types.js';

export default {
  description: 'the store numbers a new article with rows.size + 1: after a delete, the next article gets the id of one still there and replaces it',
  caughtBy: 'any sequence of creates, reads, updates, deletes, lists and tag lists answers as the lesson says, request after request',
  edits: [{ file: 'src/articles/articles.store.ts', find: 'id: nextId++ };', replace: 'id: rows.size + 1 };' }],
} satisfies WrongSubmission;
