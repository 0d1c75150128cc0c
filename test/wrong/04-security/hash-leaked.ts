import type { WrongSubmission } from '../types.js';

export default {
  description: 'the user JSON is the whole database row plus the token, password hash included',
  caughtBy: 'no answer ever contains a password, a password hash or a password field: users, articles, comments, errors',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: 'const toCurrentUser = (u: User): CurrentUser => ({ id: u.id, username: u.username, email: u.email, bio: u.bio, image: u.image, role: u.role, tokenVersion: u.tokenVersion });',
      replace: 'const toCurrentUser = (u: User): CurrentUser => u.get({ plain: true });',
    },
    {
      file: 'src/users/users.handlers.ts',
      find: '  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };',
      replace: '  return { ...user, token };',
    },
  ],
} satisfies WrongSubmission;
