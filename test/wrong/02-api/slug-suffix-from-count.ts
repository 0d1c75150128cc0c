import type { WrongSubmission } from '../types.js';

export default {
  description: 'the slug suffix is the number of articles that already have the base slug plus one: after a delete, a new article gets the slug of one still there',
  caughtBy: 'every article gets a slug of its own that resolves, even for a repeated or non-ASCII title',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '    let slug = base;\n    for (let n = 2; taken(slug); n++) slug = `${base}-${n}`;\n    return slug;',
      replace:
        '    const same = store.all().filter((a) => a.id !== ownId && (a.slug === base || a.slug.startsWith(`${base}-`) && /^\\d+$/.test(a.slug.slice(base.length + 1)))).length;\n    return same === 0 ? base : `${base}-${same + 1}`;',
    },
  ],
} satisfies WrongSubmission;
