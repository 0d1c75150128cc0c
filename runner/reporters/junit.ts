import type { GradedLearner } from '../lib/grading.js';
import type { RunResult } from '../lib/results.js';
import { counts } from '../lib/results.js';
import { shortPath } from '../lib/paths.js';

const escape = (s: string): string =>
  s
    // XML 1.0 cannot carry most control characters at all, escaped or not.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit XML, which every CI system and most gradebook importers read: a testsuite per step. */
export function renderJunit(runs: RunResult[]): string {
  const total = runs.reduce((n, r) => n + r.results.length + (r.problem ? 1 : 0), 0);
  const failures = runs.reduce((n, r) => n + counts(r).failed + (r.problem ? 1 : 0), 0);
  const time = runs.reduce((n, r) => n + r.durationMs, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="workshop checks" tests="${total}" failures="${failures}" time="${seconds(time)}">`];
  for (const run of runs) {
    const c = counts(run);
    const skipped = run.results.filter((r) => r.state === 'skip').length;
    out.push(
      `  <testsuite name="${escape(run.step)}" tests="${c.total + (run.problem ? 1 : 0)}" failures="${c.failed + (run.problem ? 1 : 0)}" skipped="${skipped}" time="${seconds(run.durationMs)}">`,
      `    <properties><property name="target" value="${escape(shortPath(run.target))}"/></properties>`,
    );
    if (run.problem) {
      out.push(
        `    <testcase classname="${escape(run.step)}" name="the project loads and the checks run">`,
        `      <failure message="${escape(run.problem.message)}" type="${run.problem.kind}">${escape([run.problem.message, ...(run.problem.details ?? [])].join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
    for (const r of run.results) {
      const classname = `${run.step}.${r.group === 'new' ? r.checkStep : `earlier.${r.checkStep}`}${r.path.length ? `.${r.path.join('.')}` : ''}`;
      const open = `    <testcase classname="${escape(classname)}" name="${escape(r.title)}" time="${seconds(r.durationMs)}"`;
      if (r.state === 'pass') out.push(`${open}/>`);
      else if (r.state === 'skip') out.push(`${open}><skipped/></testcase>`);
      else {
        const message = r.message ?? 'failed';
        out.push(`${open}>`, `      <failure message="${escape(message.split('\n')[0])}">${escape(message)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/**
 * A learner's grade as JUnit: a testsuite per graded step, a testcase per check the step must
 * pass, so every learner has the same number of tests (a step not submitted fails each of them).
 */
export function renderLearnerJunit(learner: GradedLearner): string {
  const time = learner.steps.reduce((n, s) => n + s.durationMs, 0);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escape(learner.name)}" tests="${learner.total}" failures="${learner.total - learner.passed}" time="${seconds(time)}">`,
  ];
  for (const s of learner.steps) {
    out.push(
      `  <testsuite name="${escape(s.step)}" tests="${s.total}" failures="${s.total - s.passed}" skipped="0" time="${seconds(s.durationMs)}">`,
      `    <properties><property name="submitted" value="${s.submitted}"/>${s.hash ? `<property name="sha256" value="${s.hash}"/>` : ''}${s.problem ? `<property name="problem" value="${escape(s.problem)}"/>` : ''}</properties>`,
    );
    for (const c of s.checks) {
      const open = `    <testcase classname="${escape(`${s.step}.${c.checkStep}`)}" name="${escape(c.title)}" time="0"`;
      if (c.state === 'pass') out.push(`${open}/>`);
      else {
        const message = c.message ?? 'failed';
        out.push(`${open}>`, `      <failure message="${escape(message.split('\n')[0])}">${escape(message)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
