/**
 * The class report as one HTML file: the class table first, then a page per learner (an anchor:
 * `report.html#learner-alice`) with every step, every failed check's message, and the hashes.
 * Self-contained (no script, no font, no image, nothing fetched), so it can be mailed, archived
 * or opened offline, and a learner's text in it is only ever text.
 */
import type { GradedLearner, GradedStep, GradeReport } from '../lib/grading.js';
import { fileNameOf, percentOf } from '../lib/grading.js';
import { escapeHtml as escape } from '../lib/html.js';

export const learnerAnchor = (name: string): string => `learner-${fileNameOf(name)}`;

const STYLE = `
:root { color-scheme: light; --fail: #9b1c1c; --pass: #1d5e2b; --muted: #4b5563; --line: #d1d5db; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; color: #111827; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; margin-top: 0; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
p.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: var(--pass); }
.fail { color: var(--fail); }
pre { white-space: pre-wrap; word-break: break-word; background: #f3f4f6; padding: 0.5rem 0.75rem; border-radius: 4px; margin: 0.25rem 0 0.75rem; font-size: 0.9rem; }
code { font-size: 0.9rem; }
a { color: #1d4ed8; }
a:focus-visible, summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.warning { border-left: 4px solid var(--fail); padding: 0.25rem 0.75rem; background: #fef2f2; }
section.learner { border-top: 2px solid var(--line); padding-top: 1rem; margin-top: 2rem; }
/* One page at a time: a learner's anchor shows that learner alone. */
main:has(section.learner:target) > section:not(:target) { display: none; }
@media print { section.learner { break-before: page; } main > section { display: block !important; } }
`;

function stepCell(learner: GradedLearner, s: GradedStep): string {
  if (!s.submitted) return `<td class="num"><span class="muted">not submitted</span></td>`;
  const pct = percentOf(s.earned, s.points);
  const word = s.passed === s.total ? 'pass' : 'fail';
  return `<td class="num"><a href="#${learnerAnchor(learner.name)}-${s.step}"><span class="${word}">${s.passed}/${s.total}</span></a> <span class="muted">(${pct}%)</span></td>`;
}

function classTable(report: GradeReport): string {
  const head = report.steps.map((s) => `<th scope="col" class="num">${escape(s)}</th>`).join('');
  const rows = report.learners
    .map(
      (l) =>
        `<tr><th scope="row"><a href="#${learnerAnchor(l.name)}">${escape(l.name)}</a>${l.otherChecks ? ' <span class="fail">(other checks)</span>' : ''}</th>${l.steps.map((s) => stepCell(l, s)).join('')}<td class="num">${l.earned}/${l.points}</td><td class="num"><strong>${l.percent}%</strong></td></tr>`,
    )
    .join('\n');
  return `<table>
<caption>Checks passed per step, and points (${report.learners.length} learner${report.learners.length === 1 ? '' : 's'})</caption>
<thead><tr><th scope="col">Learner</th>${head}<th scope="col" class="num">Points</th><th scope="col" class="num">Grade</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function stepSection(learner: GradedLearner, s: GradedStep): string {
  const id = `${learnerAnchor(learner.name)}-${s.step}`;
  const title = `<h3 id="${id}">${escape(s.step)}: ${s.submitted ? `${s.passed} of ${s.total} checks passed, ${s.earned} of ${s.points} points` : 'not submitted'}</h3>`;
  const problem = s.problem ? `<p class="warning"><strong>The checks could not run normally:</strong> ${escape(s.problem)}</p>` : '';
  const failed = s.checks.filter((c) => c.state !== 'pass');
  const passed = s.checks.filter((c) => c.state === 'pass');
  const failures = failed.length
    ? `<ul>${failed
        .map((c) => `<li><span class="fail">✗ ${c.timedOut ? 'timed out' : 'failed'}</span> ${escape(c.title)} <span class="muted">(${c.earned}/${c.points} · <code>${escape(c.id)}</code>)</span>${c.message && c.message !== s.problem ? `<pre>${escape(c.message)}</pre>` : ''}</li>`)
        .join('\n')}</ul>`
    : '';
  const passes = passed.length
    ? `<details><summary>${passed.length} check${passed.length === 1 ? '' : 's'} passed</summary><ul>${passed.map((c) => `<li><span class="pass">✓ passed</span> ${escape(c.title)} <span class="muted">(${c.points} point${c.points === 1 ? '' : 's'})</span></li>`).join('')}</ul></details>`
    : '';
  const hash = s.hash ? `<p class="muted">Files graded: sha256 <code>${s.hash}</code></p>` : '';
  return [title, problem, failures, passes, hash].join('\n');
}

function learnerPage(learner: GradedLearner): string {
  return `<section class="learner" id="${learnerAnchor(learner.name)}" aria-labelledby="${learnerAnchor(learner.name)}-name">
<p><a href="#class">← the class</a></p>
<h2 id="${learnerAnchor(learner.name)}-name">${escape(learner.name)}: ${learner.percent}%</h2>
<p class="meta">${learner.passed} of ${learner.total} checks passed, ${learner.earned} of ${learner.points} points. Submitted from <code>${escape(learner.source)}</code>; submission sha256 <code>${learner.hash}</code>.</p>
${learner.otherChecks ? `<p class="warning">Graded with other check files than this workshop's (sha256 <code>${escape(learner.otherChecks)}</code>): the checks may have been changed, so this grade is not comparable. Grade the submission again here.</p>` : ''}
${learner.steps.map((s) => stepSection(learner, s)).join('\n')}
</section>`;
}

export function renderGradeHtml(report: GradeReport): string {
  const w = report.workshop;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Grades: ${escape(w.name)} ${escape(w.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<section id="class" aria-labelledby="class-title">
<h1 id="class-title">Grades</h1>
<p class="meta">${escape(w.name)} ${escape(w.version)}, graded ${escape(report.gradedAt)} on ${escape(w.dialect)}. Checks sha256 <code>${escape(w.checksHash)}</code>: the same checks and the same submission hash give the same grade.</p>
${classTable(report)}
</section>
${report.learners.map(learnerPage).join('\n')}
</main>
</body>
</html>
`;
}
