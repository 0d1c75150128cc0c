// @ts-check
/**
 * Loaded first in every check worker process (see child.mjs), while it waits for its check file:
 * the packages that nearly every check file and learner project import are then already in the
 * module cache when the file arrives. A worker serves several check files in turn and keeps these
 * loaded between them (file-runner.mjs evaluates everything else afresh for each file); a package
 * that is not installed is simply not preloaded.
 */
const packages = ['express', 'supertest', 'sequelize', 'sqlite3', 'mysql2/promise', 'fast-check', 'umzug', 'dotenv', 'helmet', 'jsonwebtoken', 'bcrypt'];
await Promise.all(packages.map((name) => import(name).catch(() => undefined)));
