import type { WrongSubmission } from '../types.js';

// "A bio is a string" is true of the users who wrote one; a new user's bio is null, and the
// document now promises a client a string it will not get.
export default {
  description: "the profile schema declares bio as a string, but a user without a bio is answered with \"bio\": null",
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    {
      file: 'src/http/schemas.ts',
      find: '    username: z.string(),\n    bio: z.string().nullable(),\n    image: z.string().nullable(),\n    following:',
      replace: '    username: z.string(),\n    bio: z.string(),\n    image: z.string().nullable(),\n    following:',
    },
  ],
} satisfies WrongSubmission;
