import type { WrongSubmission } from '../types.js';

export default {
  description: '?author= is matched with LIKE (to be forgiving), so % and _ in it are wildcards: ?author=%25 lists every article',
  caughtBy: "?author= keeps only that author's articles, an unknown author gives an empty list, and it combines with ?tag=",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "where: { username: author }, attributes: [] }",
      replace: "where: { username: { [Op.like]: author } }, attributes: [] }",
    },
  ],
} satisfies WrongSubmission;
