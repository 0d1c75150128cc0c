import type { WrongSubmission } from '../types.js';

export default {
  description: "the error handler keeps the parser's status only for errors with a type, so a gzip body that does not decompress answers 500",
  caughtBy: "the body parser's other refusals keep their 4xx status (413 too large, 415 unsupported charset or encoding, 400 a body that does not decompress), in the envelope",
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "  if (e?.status === 400 && e.type === undefined && stream.expose === true) return new BadRequestError({ body: ['could not be decompressed'] });\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
