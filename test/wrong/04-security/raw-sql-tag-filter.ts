import type { WrongSubmission } from '../types.js';

export default {
  description: '?tag= is filtered with SQL built from a template string: the tag can rewrite the query',
  caughtBy: 'SQL injection payloads in the login, ?tag=, ?author= and slugs never log anyone in, never list anything, never crash, and every table survives',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "        ...(tag !== undefined ? [{ model: Tag, as: 'filterTags', where: { name: tag }, attributes: [], through: { attributes: [] } }] : []),\n      ];\n",
      replace: [
        '      ];',
        '      const tagged = tag === undefined ? undefined : (await db.query(`SELECT article_id FROM article_tags JOIN tags ON tags.id = article_tags.tag_id WHERE tags.name = \'${tag}\'`))[0] as { article_id: number }[];',
        '      const where = tagged === undefined ? {} : { id: tagged.map((row) => row.article_id) };',
        '',
      ].join('\n'),
    },
    { file: 'src/articles/articles.repository.ts', find: "Article.findAll({ attributes: ['id'], include: filters,", replace: "Article.findAll({ attributes: ['id'], where, include: filters," },
    { file: 'src/articles/articles.repository.ts', find: 'Article.count({ include: filters,', replace: 'Article.count({ where, include: filters,' },
  ],
} satisfies WrongSubmission;
