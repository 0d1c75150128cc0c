import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../http/errors.js';

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
      // The payload is readable by anyone who holds the token (it is only base64url): the user's
      // id as the subject, and nothing secret. jsonwebtoken adds iat and exp.
      return jwt.sign({}, secret, {
        algorithm: 'HS256',
        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,
        subject: String(userId),
      });
    },

    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        // verify, never decode: decode reads any token, forged or not. Pinning the algorithm
        // refuses "alg": "none" and any other algorithm an attacker might pick for us.
        payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
      } catch (err) {
        throw new UnauthorizedError({ token: [err instanceof jwt.TokenExpiredError ? 'has expired' : 'is invalid'] });
      }
      // Our tokens always have a numeric subject and an expiry; anything else we did not issue.
      if (typeof payload === 'string' || typeof payload.exp !== 'number' || !/^\d+$/.test(payload.sub ?? '')) {
        throw new UnauthorizedError({ token: ['is invalid'] });
      }
      return Number(payload.sub);
    },
  };
}
