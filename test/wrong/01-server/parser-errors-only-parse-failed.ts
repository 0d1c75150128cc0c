import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler knows only the parse error: a body that is too large or in an unsupported charset falls through to a 500',
  caughtBy: "the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope",
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "  if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });\n  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {\n    return new HttpError(e.status, { body: ['could not be read'] });\n  }\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
