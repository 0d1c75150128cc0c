import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../http/errors.js';

/** Issues the JWTs of `Authorization: Token <jwt>` and reads them back. */
export interface TokenService {
  issue(user: TokenOwner): string;
  /** The claims of a token this app issued; a 401 for anything else. */
  verify(token: string): Promise<VerifiedToken>;
}

export interface TokenOwner {
  id: number;
  sessionKey: string | null;
}

export interface VerifiedToken {
  userId: number;
  sessionKey: string;
}

export interface TokenOptions {
  secret: string;
  expiresIn: string;
}

const refused = (why = 'is invalid') => new UnauthorizedError({ token: [why] });

/** Who issued a token and for what: a token of another service signed with a shared secret is not ours. */
const ISSUER = 'conduit';
const AUDIENCE = 'conduit-api';

/** jwt.verify with a callback, as a promise. */
function verifyAsync(token: string, secret: string): Promise<jwt.JwtPayload | string> {
  return new Promise((resolve, reject) => {
    // Only HS256: "none", HS512, RS256 with our secret as a "public key": all refused by the library.
    jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }, (err, payload) => (err || payload === undefined ? reject(err ?? refused()) : resolve(payload)));
  });
}

export function createTokenService({ secret, expiresIn }: TokenOptions): TokenService {
  return {
    issue(user) {
      if (!user.sessionKey) throw new Error(`user ${user.id} has no session key: draw one before issuing a token`);
      return jwt.sign({ sk: user.sessionKey }, secret, {
        algorithm: 'HS256',
        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,
        subject: String(user.id),
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    },

    async verify(token) {
      let payload: jwt.JwtPayload | string;
      try {
        payload = await verifyAsync(token, secret);
      } catch (err) {
        throw refused(err instanceof jwt.TokenExpiredError ? 'has expired' : 'is invalid');
      }
      // Our own claims, each checked: an object, a numeric subject, an expiry, a session key.
      if (typeof payload !== 'object' || payload === null) throw refused();
      const { sub, exp, sk } = payload as { sub?: unknown; exp?: unknown; sk?: unknown };
      if (typeof sub !== 'string' || !/^[1-9][0-9]{0,14}$/.test(sub)) throw refused();
      if (typeof exp !== 'number' || !Number.isFinite(exp)) throw refused();
      if (typeof sk !== 'string' || sk === '') throw refused();
      return { userId: Number(sub), sessionKey: sk };
    },
  };
}
