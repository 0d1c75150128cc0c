import type { WrongSubmission } from '../types.js';

// A default value is a literal: ${MYSQL_ROOT_PASSWORD:-conduit} puts the password in the file.
export default {
  description: "the database password has a default value in docker-compose.yml",
  caughtBy: "docker-compose.yml holds no secret: the apps get JWT_SECRET as ${JWT_SECRET:?message}, and every password, token and secret is a ${VARIABLE} reference without a default value, never a literal",
  edits: [
    { file: "docker-compose.yml", find: "      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}", replace: "      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:-conduit}" },
  ],
} satisfies WrongSubmission;
