import jwt from 'jsonwebtoken';
import { NotImplementedError, UnauthorizedError } from '../http/errors.js';

/** Issues and checks the JWTs that `Authorization: Token <jwt>` carries. */
export interface TokenService {
  /** A signed token for this user, valid for config.jwtExpiresIn. */
  issue(userId: number): string;
  /** The user id inside a valid token; an UnauthorizedError (401) for anything else. */
  verify(token: string): number;
}

export interface TokenOptions {
  /** From the environment (JWT_SECRET), through config: never written in the code. */
  secret: string;
  /** "15m", "1h", …: every token expires. */
  expiresIn: string;
}

export function createTokenService({ secret, expiresIn }: TokenOptions): TokenService {
  return {
    issue(userId) {
      // TODO(04-security): sign a JWT with `secret`, HS256, the user's id as the subject and an
      // expiry of `expiresIn`. Nothing secret in the payload: anyone holding the token can read it.
      throw new NotImplementedError('TODO(04-security) in src/auth/tokens.ts: issue');
    },

    verify(token) {
      // TODO(04-security): verify (never just decode) the token with `secret`, accepting HS256
      // only, and return the user id it carries. Expired, forged, malformed: an
      // UnauthorizedError (401), never a 500.
      throw new NotImplementedError('TODO(04-security) in src/auth/tokens.ts: verify');
    },
  };
}
