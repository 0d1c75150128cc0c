import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../http/errors.js';

export interface TokenOwner {
  id: number;
  tokenVersion: number;
}

export interface VerifiedToken {
  userId: number;
  tokenVersion: number;
}

export interface TokenService {
  issue(user: TokenOwner): string;
  verify(token: string): VerifiedToken;
}

/** HS256 JWTs: `sub` the user id, `tv` the user's token version, `exp` from config. */
export class JwtTokens implements TokenService {
  constructor(
    private readonly secret: string,
    private readonly expiresIn: string,
  ) {}

  issue(user: TokenOwner): string {
    return jwt.sign({ sub: String(user.id), tv: user.tokenVersion }, this.secret, {
      algorithm: 'HS256',
      expiresIn: this.expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,
    });
  }

  verify(token: string): VerifiedToken {
    let decoded: jwt.Jwt;
    try {
      decoded = jwt.verify(token, this.secret, { algorithms: ['HS256'], complete: true });
    } catch {
      throw new UnauthorizedError({ token: ['is invalid or has expired'] });
    }
    const { header, payload } = decoded;
    if (header.alg !== 'HS256' || typeof payload !== 'object' || payload === null) throw new UnauthorizedError({ token: ['is invalid'] });
    const id = Number(payload.sub);
    const version = (payload as { tv?: unknown }).tv;
    if (!Number.isSafeInteger(id) || id <= 0 || typeof version !== 'number' || typeof payload.exp !== 'number') {
      throw new UnauthorizedError({ token: ['is invalid'] });
    }
    return { userId: id, tokenVersion: version };
  }
}
