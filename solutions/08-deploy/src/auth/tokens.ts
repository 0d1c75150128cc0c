import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../http/errors.js';

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
  // The secret as a key object, made once. Handed a string, jsonwebtoken first tries to read it as
  // a PEM key, on every sign and verify, and builds an exception with its stack trace when that
  // fails: a CPU profile of the authenticated routes under load showed it as their largest cost
  // after the database. docs/05-performance.md#measure-first
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    issue(user) {
      // The payload is readable by anyone who holds the token (it is only base64url): the user's
      // id as the subject, their token version, and nothing secret. jsonwebtoken adds iat and exp.
      return jwt.sign({ ver: user.tokenVersion }, key, {
        algorithm: 'HS256',
        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,
        subject: String(user.id),
      });
    },

    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        // verify, never decode: decode reads any token, forged or not. Pinning the algorithm
        // refuses "alg": "none" and any other algorithm an attacker might pick for us.
        payload = jwt.verify(token, key, { algorithms: ['HS256'] });
      } catch (err) {
        throw new UnauthorizedError({ token: [err instanceof jwt.TokenExpiredError ? 'has expired' : 'is invalid'] });
      }
      // Our tokens always have a numeric subject, a version and an expiry; anything else we did not issue.
      if (typeof payload === 'string' || typeof payload.exp !== 'number' || !/^\d+$/.test(payload.sub ?? '') || !Number.isSafeInteger(payload.ver)) {
        throw new UnauthorizedError({ token: ['is invalid'] });
      }
      return { userId: Number(payload.sub), tokenVersion: payload.ver as number };
    },
  };
}
