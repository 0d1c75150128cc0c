import type { WrongSubmission } from '../types.js';

export default {
  description: 'every error of the body parser answers 400, so an unsupported charset (415) and a body too large (413) lose their status',
  caughtBy: "the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope",
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "  if (e?.type === 'entity.parse.failed') return new BadRequestError({ body: ['is not valid JSON'] });\n  if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });\n  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {\n    return new HttpError(e.status, { body: ['could not be read'] });\n  }\n",
      replace: "  if (typeof e?.type === 'string') return new BadRequestError({ body: ['is not valid JSON'] });\n",
    },
  ],
} satisfies WrongSubmission;
