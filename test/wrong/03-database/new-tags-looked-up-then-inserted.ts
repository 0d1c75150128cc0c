import type { WrongSubmission } from '../types.js';

export default {
  description: 'the tags an article brings are looked up, and the missing ones inserted with a plain INSERT: two articles bringing the same new tag at once both find it missing, and the second insert hits the unique key',
  caughtBy: "concurrent articles sharing a new tag all succeed, and the tag is stored once",
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "    await Tag.bulkCreate(\n      names.map((name) => ({ name })),\n      { ignoreDuplicates: true, transaction },\n    );",
      replace: "    const known = new Set((await Tag.findAll({ where: { name: names }, transaction })).map((t) => t.name));\n    await Tag.bulkCreate(\n      names.filter((name) => !known.has(name)).map((name) => ({ name })),\n      { transaction },\n    );",
    },
  ],
} satisfies WrongSubmission;
