import type { WrongSubmission } from '../types.js';

export default {
  description: 'the list tests check the slugs, their order and articlesCount; none looks at what a list item leaves out, so items that carry a body pass',
  caughtBy: 'your tests notice when the articles of a list carry a `body` field (an empty one)',
  edits: [
    {
      file: 'test/lists.test.ts',
      find: `    expect(res.body.articles[0]).not.toHaveProperty('body');
`,
      replace: ``,
    },
  ],
} satisfies WrongSubmission;
