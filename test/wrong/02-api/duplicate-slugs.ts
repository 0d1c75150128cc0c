import type { WrongSubmission } from '../types.js';

export default {
  description: 'the slug is the slugified title, never checked against existing articles: two same titles share one slug',
  caughtBy: 'every article gets a slug of its own that resolves, even for a repeated or non-ASCII title',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '    for (let n = 2; taken(slug); n++) slug = `${base}-${n}`;\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
