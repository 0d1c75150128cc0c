import type { WrongSubmission } from '../types.js';

export default {
  description: 'a comma is left after the last script, which JSON does not allow',
  caughtBy: 'package.json exists and is valid JSON',
  edits: [{ file: 'package.json', find: '"typecheck": "tsc --noEmit"', replace: '"typecheck": "tsc --noEmit",' }],
} satisfies WrongSubmission;
