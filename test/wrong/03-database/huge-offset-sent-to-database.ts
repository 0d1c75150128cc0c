import type { WrongSubmission } from '../types.js';

export default {
  description: 'offset is checked to be digits, with no upper bound: ?offset=99999999999999999999 reaches the database as a number it cannot take (a 500)',
  caughtBy: "malformed input of any kind gets a 4xx in the error envelope, never a 5xx",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: " || !Number.isSafeInteger(Number(value))",
      replace: "",
    },
    {
      file: 'src/articles/articles.service.ts',
      find: "max = Number.MAX_SAFE_INTEGER): number {",
      replace: "max = Infinity): number {",
    },
    {
      file: 'src/articles/articles.service.ts',
      find: "max === Number.MAX_SAFE_INTEGER ?",
      replace: "max === Infinity ?",
    },
  ],
} satisfies WrongSubmission;
