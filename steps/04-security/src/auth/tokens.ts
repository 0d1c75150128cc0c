import jwt from 'jsonwebtoken';
import { NotImplementedError, UnauthorizedError } from '../http/errors.js';

/** Issues and checks the JWTs that `Authorization: Token <jwt>` carries. */
export interface TokenService {
  /** A signed token for this user, valid for config.jwtExpiresIn, stamped with their token version. */
  issue(user: TokenOwner): string;
  /** What a valid token says; an UnauthorizedError (401) for anything else. */
  verify(token: string): VerifiedToken;
}

/** Who a token is for: the user's id and their current token version (users.token_version). */
export interface TokenOwner {
  id: number;
  tokenVersion: number;
}

export interface VerifiedToken {
  userId: number;
  /** The owner's token version when it was issued: a password change moves theirs on, and it no longer matches. */
  tokenVersion: number;
}

export interface TokenOptions {
  /** From the environment (JWT_SECRET), through config: never written in the code. */
  secret: string;
  /** "15m", "1h", …: every token expires. */
  expiresIn: string;
}

export function createTokenService({ secret, expiresIn }: TokenOptions): TokenService {
  return {
    issue(user) {
      // TODO(04-security): sign a JWT with `secret`, HS256, the user's id as the subject, their
      // token version as a claim (ver: user.tokenVersion) and an expiry of `expiresIn`. Nothing
      // secret in the payload: anyone holding the token can read it.
      throw new NotImplementedError('TODO(04-security) in src/auth/tokens.ts: issue');
    },

    verify(token) {
      // TODO(04-security): verify (never just decode) the token with `secret`, accepting HS256
      // only, and return the user id and the token version it carries. Expired, forged,
      // malformed: an UnauthorizedError (401), never a 500.
      throw new NotImplementedError('TODO(04-security) in src/auth/tokens.ts: verify');
    },
  };
}
