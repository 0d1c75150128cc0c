import type { WrongSubmission } from '../types.js';

export default {
  description:
    'the tags cache is forgotten after a create only when the new article brings a tag the cached list lacks: a create with known tags changes how often each is used, and so the order, and the cache keeps the old order',
  caughtBy: 'GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags',
  edits: [
    { file: 'src/articles/articles.service.ts', find: '  tagsChanged?: () => void;', replace: '  tagsChanged?: (names?: string[]) => void;' },
    {
      file: 'src/articles/articles.service.ts',
      find: '      tagsChanged();\n      const slug = await articles.slugOf(id);',
      replace: '      tagsChanged(fields.tagList);\n      const slug = await articles.slugOf(id);',
    },
    { file: 'src/tags/tags.service.ts', find: '  invalidate(): void;', replace: '  invalidate(names?: string[]): void;' },
    {
      file: 'src/tags/tags.service.ts',
      find: '    invalidate() {\n',
      replace: '    invalidate(names?: string[]) {\n      // Nothing new: the list stays as it is.\n      if (names && cached && names.every((name) => cached?.includes(name))) return;\n',
    },
  ],
} satisfies WrongSubmission;
