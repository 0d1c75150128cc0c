import type { WrongSubmission } from '../types.js';

// "Forget the list when an article is deleted", done before the DELETE: a GET /api/tags in
// between still finds the article's tags and keeps them after it is gone.
export default {
  description: 'the tags cache is forgotten just before the article is deleted instead of after',
  caughtBy: 'the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      const removed = await articles.remove(article.id);\n      tagsChanged();',
      replace: '      tagsChanged();\n      const removed = await articles.remove(article.id);',
    },
  ],
} satisfies WrongSubmission;
