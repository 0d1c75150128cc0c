/**
 * A starter's unfinished handlers answer `501 {"errors": {"todo": ["not implemented: TODO(04-security) …"]}}`.
 * When an earlier step's check runs against a later step's project and stumbles on one of the
 * current step's TODOs (from step 04 the step-02 checks create articles through `requireAuth`,
 * a step-04 task), the earlier work did not break: the check cannot run yet. The HTTP helpers
 * note such answers here, and `requirement()` reports the check as blocked instead of failed.
 */
let seen: string | undefined;

export function forgetTodoAnswers(): void {
  seen = undefined;
}

/** Notes a response if it is a TODO answer of the step named `slug`. */
export function noteTodoAnswer(status: number, body: unknown, slug: string | undefined): void {
  if (status !== 501 || !slug || seen) return;
  const todo = (body as { errors?: { todo?: unknown } } | undefined)?.errors?.todo;
  const text = Array.isArray(todo) ? todo.find((t): t is string => typeof t === 'string' && t.includes(`TODO(${slug})`)) : undefined;
  if (text) seen = text;
}

/** The first TODO answer of the current step seen since the check started, if any. */
export function todoAnswerSeen(): string | undefined {
  return seen;
}
