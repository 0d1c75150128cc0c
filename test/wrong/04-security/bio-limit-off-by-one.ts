import type { WrongSubmission } from '../types.js';

export default {
  description: "a bio or image of exactly the maximum length is refused (>= instead of >)",
  caughtBy: "bio holds at most 1,000 characters and image at most 2,048: exactly the maximum is kept, one more answers 422 naming the field and changes nothing",
  edits: [
    { file: "src/users/users.service.ts", find: "else if (value !== null && [...value].length > max)", replace: "else if (value !== null && [...value].length >= max)" },
  ],
} satisfies WrongSubmission;
