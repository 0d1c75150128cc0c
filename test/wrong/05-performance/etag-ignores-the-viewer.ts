import type { WrongSubmission } from '../types.js';

export default {
  description:
    'ETags made cheaply, without hashing the body: the URL and a version number every write bumps (as the tags cache does); they do change after every write, but an anonymous reader and a signed-in one get the same ETag for different answers, so a client that signs in is told 304 and keeps the answer it had as a stranger',
  caughtBy: 'GET answers carry an ETag; the same request with If-None-Match answers 304 with no body, and after a favorite, a follow, an edit, the author\'s new bio, a comment or a new tag it answers 200 with the new answer',
  edits: [
    { file: 'src/app.ts', find: "import express from 'express';", replace: "import express from 'express';\nimport { createHash } from 'node:crypto';" },
    {
      file: 'src/app.ts',
      find: '  app.use(compression({ threshold: 1024 }));\n',
      replace: `  app.use(compression({ threshold: 1024 }));
  let version = 0;
  app.use((req, res, next) => {
    if (req.method !== 'GET') {
      res.on('finish', () => {
        version += 1;
      });
      return next();
    }
    const tag = \`W/"\${createHash('sha1').update(\`\${req.originalUrl}:\${version}\`).digest('base64url')}"\`;
    if (req.headers['if-none-match'] === tag) {
      res.status(304).end();
      return;
    }
    res.setHeader('ETag', tag);
    next();
  });
`,
    },
  ],
} satisfies WrongSubmission;
