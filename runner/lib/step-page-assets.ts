/**
 * The step page's stylesheet and script, served as they are (no build step). The script only
 * ever puts the learner's text (check messages, server output, their code in the diff) into the
 * page as text, never as HTML.
 */

export const PAGE_CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #4b5563; --line: #d1d5db; --pass: #166534; --fail: #991b1b; --run: #1e40af; --bg-soft: #f3f4f6; --link: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 0.5rem; background: #fff; padding: 0.25rem 0.5rem; z-index: 2; }
header { border-bottom: 1px solid var(--line); padding: 0.5rem 1rem; position: sticky; top: 0; background: #fff; z-index: 1; }
.course { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; margin: 0; padding: 0; font-size: 0.9rem; }
.course [aria-current] { font-weight: 700; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); gap: 2rem; padding: 0 1rem 3rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
main { max-width: 48rem; }
aside { position: sticky; top: 3rem; align-self: start; max-height: calc(100vh - 3.5rem); overflow: auto; padding-top: 1rem; }
aside h2 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
pre { background: var(--bg-soft); padding: 0.6rem 0.8rem; border-radius: 4px; overflow-x: auto; font-size: 0.88rem; }
code { font-size: 0.9em; }
.checks { padding-left: 2rem; margin: 0.5rem 0; }
.checks li { margin: 0.35rem 0; }
.checks .state { font-weight: 600; margin-right: 0.35rem; }
.checks .pass .state { color: var(--pass); }
.checks .fail .state { color: var(--fail); }
.checks .running .state, .checks .skip .state { color: var(--run); }
.checks pre { white-space: pre-wrap; word-break: break-word; margin: 0.35rem 0; }
.checks button { font-size: 0.8rem; margin-left: 0.35rem; }
.muted { color: var(--muted); font-size: 0.92rem; }
.problem { color: var(--fail); white-space: pre-wrap; }
.next { font-weight: 600; }
.log { max-height: 14rem; white-space: pre-wrap; word-break: break-word; }
.connection { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; padding: 0.6rem 1rem; background: #fef2f2; color: var(--fail); border-top: 2px solid var(--fail); }
button { font: inherit; padding: 0.3rem 0.7rem; border: 1px solid #6b7280; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover { background: var(--bg-soft); }
.hint { border-left: 4px solid var(--run); padding-left: 0.75rem; margin: 0.75rem 0; }
.diff-file h3 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
.diff-del { color: var(--fail); }
.diff-add { color: var(--pass); }
.hljs-keyword, .hljs-built_in, .hljs-literal { color: #7c2d12; }
.hljs-string, .hljs-attr { color: #14532d; }
.hljs-comment { color: #4b5563; font-style: italic; }
.hljs-number, .hljs-title { color: #1e3a8a; }
main.doc { padding: 0 1rem 3rem; }
`;

export const PAGE_JS = `
'use strict';
const $ = (id) => document.getElementById(id);
const el = (tag, props, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) node.append(c);
  return node;
};
const WORDS = { pass: 'passed', fail: 'failed', skip: 'not run yet', running: 'running' };
const SYMBOLS = { pass: '✓', fail: '✗', skip: '·', running: '…' };

function renderCourse(state) {
  const list = $('course');
  list.replaceChildren(
    ...state.course.map((s) => {
      const text = s.slug + (s.started && s.total ? ' ' + s.passed + '/' + s.total : s.available ? '' : ' (coming)');
      const item = el('li', { textContent: text });
      if (s.current) item.setAttribute('aria-current', 'step');
      return item;
    }),
  );
}

function renderChecks(state) {
  $('summary').textContent = state.summary || '';
  $('problem').hidden = !state.problem;
  $('problem').textContent = state.problem || '';
  $('next').textContent = state.next || (state.phase || '');
  $('checks').replaceChildren(
    ...state.checks.map((c) => {
      const item = el('li', { className: c.state });
      item.dataset.title = c.title;
      item.dataset.state = c.state;
      item.append(el('span', { className: 'state', textContent: SYMBOLS[c.state] + ' ' + WORDS[c.state] }), el('span', { className: 'title', textContent: (c.group === 'earlier' ? '(earlier step) ' : '') + c.title }));
      if (c.file) {
        const run = el('button', { type: 'button', textContent: 'Run alone' });
        run.setAttribute('aria-label', 'Run this check alone: ' + c.title);
        run.addEventListener('click', () => fetch('/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ file: c.file, title: c.title }) }));
        item.append(run);
      }
      if (c.state === 'fail' && c.message) item.append(el('pre', { textContent: c.message }));
      if (c.state === 'fail' && c.lesson) item.append(el('a', { href: c.lesson, textContent: 'Read the lesson section' }));
      return item;
    }),
  );
}

function renderServer(state) {
  $('server-status').textContent = state.server.status;
  $('server-log').textContent = state.server.log.join('\\n');
}

function connect() {
  const events = new EventSource('/events');
  events.onmessage = (e) => {
    $('connection').hidden = true;
    const state = JSON.parse(e.data);
    renderCourse(state);
    renderChecks(state);
    renderServer(state);
  };
  // EventSource reconnects by itself; the banner says whether the workshop is still there.
  events.addEventListener('error', () => {
    fetch('/state').then(() => ($('connection').hidden = true), () => ($('connection').hidden = false));
  });
}

$('hint-button').addEventListener('click', async () => {
  const answer = await (await fetch('/hint', { method: 'POST' })).json();
  const box = $('hints');
  if (answer.kind === 'all-pass') return box.append(el('p', { className: 'hint', textContent: 'Every check passes: no hint needed.' }));
  if (answer.kind === 'timeout') return box.append(el('p', { className: 'hint', textContent: 'The first failing check ran out of time rather than finding something wrong: your code never answers there, or the machine was busy. Save again to re-run it.' }));
  if (answer.kind === 'no-section') return box.append(el('p', { className: 'hint', textContent: 'Read the failing check\\'s message and the lesson.' }));
  if (answer.kind === 'no-hints') return box.append(el('p', { className: 'hint', textContent: 'This section has no hints: read it again, and the failure message of the check.' }));
  for (const h of answer.html) {
    const block = el('div', { className: 'hint' });
    block.append(el('h3', { textContent: h.label }));
    const body = el('div');
    body.innerHTML = h.html;
    block.append(body);
    box.append(block);
  }
  if (answer.lesson) box.append(el('p', {}, el('a', { href: answer.lesson, textContent: 'The lesson section: ' + answer.section.heading })));
  if (answer.shown.length && answer.shown[answer.shown.length - 1].number === answer.of) box.append(el('p', { className: 'muted', textContent: 'That was the last hint. The diff below compares your code with the reference.' }));
});

$('diff-button').addEventListener('click', async () => {
  const button = $('diff-button');
  const box = $('diff');
  const open = button.getAttribute('aria-expanded') === 'true';
  if (open) {
    button.setAttribute('aria-expanded', 'false');
    button.textContent = 'Show the diff';
    box.hidden = true;
    return;
  }
  const diff = await (await fetch('/diff')).json();
  box.replaceChildren();
  for (const f of diff.files) {
    const file = el('div', { className: 'diff-file' });
    file.append(el('h3', { textContent: f.file + (f.only === 'yours' ? ' (only in yours: fine, your design can differ)' : f.only === 'reference' ? ' (only in the reference)' : '') }));
    if (f.hunks) {
      const pre = el('pre');
      for (const h of f.hunks) {
        pre.append(el('span', { textContent: '@@ yours line ' + h.aStart + ', reference line ' + h.bStart + ' @@\\n' }));
        for (const l of h.lines) pre.append(el('span', { className: l.op === '-' ? 'diff-del' : l.op === '+' ? 'diff-add' : '', textContent: l.op + l.text + '\\n' }));
      }
      file.append(pre);
    }
    box.append(file);
  }
  box.append(el('p', { className: 'muted', textContent: diff.same + ' file(s) identical to the reference. Lines with - are yours, + the reference\\'s.' }));
  box.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  button.textContent = 'Hide the diff';
});

connect();
`;
