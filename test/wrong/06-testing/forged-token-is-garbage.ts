import type { WrongSubmission } from '../types.js';

export default {
  description: 'the "forged token" test sends a string that is not a JWT at all: any token code refuses it, the one that decodes tokens without checking their signature included',
  caughtBy: 'your tests notice when a token signed with another secret is accepted (decoded, its expiry checked, its signature never)',
  edits: [
    {
      file: 'test/users.test.ts',
      find: `    const claims = jwt.decode(ada.token) as jwt.JwtPayload;
    const forged = jwt.sign({ ver: claims.ver }, 'not-the-app-secret-but-just-as-long-0123456789', { algorithm: 'HS256', subject: claims.sub, expiresIn: '1h' });`,
      replace: `    const forged = \`\${ada.token.slice(0, 20)}.forged.\${ada.token.slice(-10)}\`;`,
    },
  ],
} satisfies WrongSubmission;
