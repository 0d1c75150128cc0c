import type { WrongSubmission } from '../types.js';

export default {
  description: "the page query joins the tags with subQuery: false, so LIMIT counts article-tag rows: an article with three tags takes three places of the page, and ?limit=2 can list a single article",
  caughtBy: "the lists read the tables: rows inserted with SQL are filtered, counted and paged by the database, more of them than a page",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "        Article.findAll({ attributes: ['id'], include: filters, order, limit, offset, subQuery: false }),",
      replace: "        Article.findAll({ attributes: ['id'], include: [...filters, { model: Tag, as: 'tags', attributes: [], through: { attributes: [] } }], order, limit, offset, subQuery: false }),",
    },
  ],
} satisfies WrongSubmission;
