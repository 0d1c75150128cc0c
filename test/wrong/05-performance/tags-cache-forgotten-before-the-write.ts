import type { WrongSubmission } from '../types.js';

// "Forget the list when an article is created" done at the start of the create: a GET /api/tags
// that reads while the article is being saved finds the old tags and keeps them, and nothing
// forgets them afterwards.
export default {
  description: 'the tags cache is forgotten when a create begins, before the article and its tags are saved, instead of after the write has committed',
  caughtBy: 'the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      // The article, its new tags and its tag links are saved together or not at all.\n      const id = await withSlugRetry(async (transaction, attempt) =>\n        articles.insert({ ...fields, slug: await uniqueSlug(fields.title, undefined, transaction, attempt), authorId: author.id, createdAt: now, updatedAt: now }, transaction),\n      );\n      tagsChanged();',
      replace: '      tagsChanged();\n      // The article, its new tags and its tag links are saved together or not at all.\n      const id = await withSlugRetry(async (transaction, attempt) =>\n        articles.insert({ ...fields, slug: await uniqueSlug(fields.title, undefined, transaction, attempt), authorId: author.id, createdAt: now, updatedAt: now }, transaction),\n      );',
    },
  ],
} satisfies WrongSubmission;
