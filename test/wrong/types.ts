/**
 * A deliberately wrong submission: the reference solution of a step with a small, realistic
 * mistake in it. The workshop's own tests apply it to a copy of the solution and prove that the
 * check meant to catch the mistake fails.
 */
export interface WrongSubmission {
  /** The mistake, in a learner's words: "the error handler sends err.stack to the client". */
  description: string;
  /** The exact title of the check (the `requirement(...)` title) that must fail. */
  caughtBy: string;
  /** Text replacements in files of the solution; each `find` must occur in the file. */
  edits?: { file: string; find: string; replace: string }[];
  /** Whole files to write (added or replaced), relative to the step folder. */
  files?: Record<string, string>;
  /** Files to delete, relative to the step folder. */
  remove?: string[];
  /**
   * The database dialects on which the mistake shows (a collation MariaDB has and SQLite does not,
   * a lock SQLite takes and MySQL does not). Unset: every dialect. On another dialect the
   * submission is skipped, not required to fail.
   */
  dialects?: ('sqlite' | 'mysql')[];
}
