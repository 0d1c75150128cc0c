import type { WrongSubmission } from '../types.js';

export default {
  description: 'the bio and image limits count UTF-8 bytes instead of characters: a bio of 1,000 "é" (2,000 bytes) is refused',
  caughtBy: 'bio holds at most 1,000 characters and image at most 2,048: exactly the maximum is kept, one more answers 422 naming the field and changes nothing',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '        else if (value !== null && [...value].length > max) addError(',
      replace: '        else if (value !== null && Buffer.byteLength(value) > max) addError(',
    },
  ],
} satisfies WrongSubmission;
