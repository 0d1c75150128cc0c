import type { WrongSubmission } from '../types.js';

// One Article schema reused for the list: the document then says each preview has a body, which
// the list leaves out on purpose.
export default {
  description: 'a page of articles is documented with the full Article schema, body required, while the list leaves the body out',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    {
      file: 'src/http/schemas.ts',
      find: "export const ArticleListItem = Article.omit({ body: true }).meta(",
      replace: 'export const ArticleListItem = Article.meta(',
    },
  ],
} satisfies WrongSubmission;
