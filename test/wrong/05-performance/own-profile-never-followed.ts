import type { WrongSubmission } from '../types.js';

export default {
  description:
    "GET /api/profiles/:username skips the follows subquery for one's own profile (nobody follows themselves, surely): following false, where the starter says true for a user who follows themselves",
  caughtBy: 'GET /api/articles/:slug, /api/profiles/:username and /api/articles/:slug/comments answer exactly what the starter answers, in at most 3 statements without a token and 4 with one, however many tags, favorites and comments',
  edits: [
    {
      file: 'src/profiles/profiles.service.ts',
      find: '    get: async (username, viewer) => publicPart(await profileOf(username, viewer?.id)),',
      replace: '    get: async (username, viewer) => publicPart(await profileOf(username, viewer?.username === username ? undefined : viewer?.id)),',
    },
  ],
} satisfies WrongSubmission;
