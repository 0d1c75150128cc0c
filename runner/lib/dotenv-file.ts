import fs from 'node:fs';
import { parse } from 'dotenv';

/**
 * Reads a .env file exactly as the learner's server reads it: with dotenv's own parser (inline
 * comments, quotes, `export`), so the runner and the server never disagree about a value.
 */
export function readEnvFile(file: string): Record<string, string> {
  try {
    return parse(fs.readFileSync(file));
  } catch {
    return {};
  }
}

/**
 * Keys the runner put into its own environment from the workshop's .env (`loadWorkshopEnv` in
 * cli.ts). They are the runner's defaults, not the learner's shell: a step's .env wins over them.
 */
const fromWorkshopEnv = new Set<string>();

/** Fills in what the environment does not set from the workshop's .env, and remembers which keys. */
export function loadDefaults(file: string, env: NodeJS.ProcessEnv = process.env): void {
  for (const [key, value] of Object.entries(readEnvFile(file))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    fromWorkshopEnv.add(key);
  }
}

/** True when the variable was set in the shell the runner was started from (dotenv never overrides those). */
export const setInShell = (key: string, env: NodeJS.ProcessEnv = process.env): boolean => env[key] !== undefined && !fromWorkshopEnv.has(key);

/**
 * The environment for a learner's process started in `stepDir` (their server): the runner's own
 * environment and `defaults`, except where the step's .env sets a key. There the .env value
 * wins (dotenv reads it in the server), unless the learner's shell set the key, which dotenv
 * never overrides. `values` is what the server will see for every key either side mentions.
 */
export function learnerEnv(
  stepDir: string,
  defaults: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): { env: NodeJS.ProcessEnv; values: Record<string, string | undefined>; fromFile: Record<string, string> } {
  const fromFile = readEnvFile(`${stepDir}/.env`);
  const result: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(defaults)) if (value !== undefined) result[key] = value;
  for (const key of Object.keys(fromFile)) {
    if (setInShell(key, env)) result[key] = env[key];
    else delete result[key];
  }
  const values: Record<string, string | undefined> = {};
  for (const key of new Set([...Object.keys(defaults), ...Object.keys(fromFile)])) values[key] = result[key] ?? fromFile[key];
  return { env: result, values, fromFile };
}
