import bcrypt from 'bcrypt';
import { NotImplementedError } from '../http/errors.js';

/**
 * bcrypt's cost factor: each +1 doubles the work. 10 is about 60 ms per hash on a laptop: nothing
 * for one login, ruinous for someone trying billions of guesses against a stolen table. Never
 * below 10 (OWASP); raise it as hardware gets faster (old hashes keep working, they carry their cost).
 */
export const BCRYPT_COST = 10;

/** A one-way, salted, slow hash. The salt is random per call and stored inside the hash. */
export async function hashPassword(password: string): Promise<string> {
  // TODO(04-security): hash with bcrypt at BCRYPT_COST. Never store the password, nor a fast
  // hash of it (sha256, md5): see "Storing passwords" in the lesson.
  throw new NotImplementedError('TODO(04-security) in src/auth/passwords.ts: hashPassword');
}

/** Hashes the attempt with the stored hash's salt and cost, and compares in constant time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  // TODO(04-security): let bcrypt compare the attempt with the stored hash.
  throw new NotImplementedError('TODO(04-security) in src/auth/passwords.ts: verifyPassword');
}
