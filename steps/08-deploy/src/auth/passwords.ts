import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * bcrypt's cost factor: each +1 doubles the work. 10 is about 60 ms per hash on a laptop: nothing
 * for one login, ruinous for someone trying billions of guesses against a stolen table. Never
 * below 10 (OWASP); raise it as hardware gets faster (old hashes keep working, they carry their cost).
 */
export const BCRYPT_COST = 10;

/** A one-way, salted, slow hash. The salt is random per call and stored inside the hash. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Hashes the attempt with the stored hash's salt and cost, and compares in constant time. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/**
 * A real hash of a password nobody knows. Login checks unknown emails against it, so a wrong
 * email takes as long to refuse as a wrong password: the timing gives away no accounts either.
 */
export const DUMMY_HASH = bcrypt.hashSync(randomBytes(24).toString('base64'), BCRYPT_COST);
