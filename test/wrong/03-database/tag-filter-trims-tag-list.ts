import type { WrongSubmission } from '../types.js';

export default {
  description: '?tag= filters through the same include that loads the tags, so each listed article comes back with only the tag asked for in its tagList',
  caughtBy: "?tag= keeps only the articles with that tag, and articlesCount counts only those",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "      const rows = await Article.findAll({ where: { id: ids }, include: withAuthorAndTags, order });",
      replace: "      const include = tag === undefined ? withAuthorAndTags : [withAuthorAndTags[0]!, { model: Tag, as: 'tags', where: { name: tag }, through: { attributes: [] } }];\n      const rows = await Article.findAll({ where: { id: ids }, include, order });",
    },
  ],
} satisfies WrongSubmission;
