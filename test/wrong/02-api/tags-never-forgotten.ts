import type { WrongSubmission } from '../types.js';

export default {
  description: 'the tags service remembers every tag it has seen in a Set, so a tag stays listed after its last article is deleted or retagged',
  caughtBy: 'a tag no article carries any more leaves GET /api/tags',
  edits: [
    {
      file: 'src/tags/tags.service.ts',
      find: '  return {\n    async list() {\n      const uses = new Map<string, number>();',
      replace: '  const uses = new Map<string, number>();\n  return {\n    async list() {\n      for (const tag of uses.keys()) uses.set(tag, 0);',
    },
  ],
} satisfies WrongSubmission;
