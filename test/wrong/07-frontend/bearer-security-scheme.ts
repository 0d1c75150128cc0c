import type { WrongSubmission } from '../types.js';

// JWTs usually travel as "Bearer"; Conduit's are sent as "Token <jwt>", which an http bearer
// scheme cannot describe: Swagger UI and generated clients would send the wrong prefix.
export default {
  description: 'the security scheme is HTTP bearer instead of an apiKey in the Authorization header (Token <jwt>)',
  caughtBy: 'routes that need a token require the Token scheme (apiKey in the Authorization header), and the routes anyone may call do not require one',
  edits: [
    {
      file: 'src/http/openapi.ts',
      find: "          type: 'apiKey',\n          in: 'header',\n          name: 'Authorization',",
      replace: "          type: 'http',\n          scheme: 'bearer',\n          bearerFormat: 'JWT',",
    },
  ],
} satisfies WrongSubmission;
