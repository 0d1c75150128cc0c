import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags are read back with a plain SELECT after INSERT IGNORE: under MySQL's REPEATABLE READ, a tag another request created meanwhile is invisible, and the article loses it",
  caughtBy: 'concurrent articles sharing a new tag all succeed, and the tag is stored once',
  // SQLite runs one writer at a time: nothing is created meanwhile there.
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: 'const tags = await Tag.findAll({ where: { name: names }, transaction, lock: Transaction.LOCK.SHARE });',
      replace: 'const tags = await Tag.findAll({ where: { name: names }, transaction });',
    },
  ],
} satisfies WrongSubmission;
