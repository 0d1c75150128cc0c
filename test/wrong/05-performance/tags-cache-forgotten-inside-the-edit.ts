import type { WrongSubmission } from '../types.js';

// The cache forgotten right after the UPDATE, as a model's afterUpdate hook would, but still
// inside the transaction: a GET /api/tags before the COMMIT reads the old tags and keeps them.
export default {
  description: 'the tags cache is forgotten inside the edit\'s transaction, right after the article is updated, instead of after the transaction has committed',
  caughtBy: 'the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '        await articles.update(article.id, patch, transaction);\n        return patch.slug ?? article.slug;\n      });\n      tagsChanged();',
      replace: '        await articles.update(article.id, patch, transaction);\n        tagsChanged();\n        return patch.slug ?? article.slug;\n      });',
    },
  ],
} satisfies WrongSubmission;
