import type { WrongSubmission } from '../types.js';

// The list is ordered by use (05-performance): a write whose tags are all listed already still
// moves them up, and the other instances must hear of it.
export default {
  description: 'to save a Redis round trip, a write sets a new tags version only when the set of tag names in use changed; a write that only changes how often known tags are used leaves the other instance its old order',
  caughtBy: 'two instances on one database and one Redis never serve tags the other has changed: after an article is written, edited or deleted through one instance, GET /api/tags on the other answers the tags in use, in their order, though it had the list in memory',
  edits: [
    {
      file: 'src/tags/tags.service.ts',
      find: `    async invalidate() {
      generation += 1;
      cached = undefined;
      if (!redis) return;
      try {`,
      replace: `    async invalidate() {
      generation += 1;
      cached = undefined;
      if (!redis) return;
      const names = [...(await articles.tagsInUse(TAGS_LISTED))].sort().join('\\n');
      if (names === lastNames) return;
      lastNames = names;
      try {`,
    },
    {
      file: 'src/tags/tags.service.ts',
      find: '  let generation = 0;\n',
      replace: '  let generation = 0;\n  let lastNames: string | undefined;\n',
    },
  ],
} satisfies WrongSubmission;
