import type { WrongSubmission } from '../types.js';

export default {
  description: 'the demo author is looked up, then created when missing (findOne, then create): the first requests that arrive together all find no row and all create one',
  caughtBy: "concurrent articles sharing a new tag all succeed, and the tag is stored once",
  edits: [
    {
      file: 'src/auth/demo-author.ts',
      find: "    const [user] = await User.findOrCreate({ where: { username: DEMO_AUTHOR.username }, defaults: { ...DEMO_AUTHOR, createdAt: now, updatedAt: now } });",
      replace: "    const user = (await User.findOne({ where: { username: DEMO_AUTHOR.username } })) ?? (await User.create({ ...DEMO_AUTHOR, createdAt: now, updatedAt: now }));",
    },
  ],
} satisfies WrongSubmission;
