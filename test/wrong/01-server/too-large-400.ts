import type { WrongSubmission } from '../types.js';

export default {
  description: 'a body over the size limit is answered 400 ("the client sent a bad body") instead of the parser\'s 413',
  caughtBy: "the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope",
  edits: [{ file: 'src/http/error-handler.ts', find: "if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });", replace: "if (e?.type === 'entity.too.large') return new BadRequestError({ body: ['is too large'] });" }],
} satisfies WrongSubmission;
