import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler keeps the status of the parser errors the lesson names (parse, size, charset, gzip) from a table of types: an unsupported Content-Encoding (415 encoding.unsupported) answers 500',
  caughtBy: "the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope",
  edits: [{ file: 'src/http/error-handler.ts', find: "if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {", replace: "if (e?.type === 'charset.unsupported' && e.status === 415) {" }],
} satisfies WrongSubmission;
