import type { WrongSubmission } from '../types.js';

export default {
  description: "an update deletes the article's old tag links without { transaction }: when saving the new ones fails, the old ones are gone anyway",
  caughtBy: 'an update that fails halfway changes nothing: the title, slug and tags stay as they were',
  // On SQLite the stray DELETE waits for the writer's lock (a timeout, not an answer): MySQL shows the mistake itself.
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: '    if (replace) await ArticleTag.destroy({ where: { articleId }, transaction });\n',
      replace: '    if (replace) await ArticleTag.destroy({ where: { articleId } });\n',
    },
  ],
} satisfies WrongSubmission;
