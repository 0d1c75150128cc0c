import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../lib/command.js';
import { CheckLoop } from '../lib/check-loop.js';
import { checkWorkspace } from '../lib/current-run.js';
import { DevServer } from '../lib/dev-server.js';
import { UsageError } from '../lib/errors.js';
import { writeJsonFile } from '../lib/fsutil.js';
import { parseLessonLink, readLesson, tasksOf } from '../lib/lesson.js';
import { whenParentsGone } from '../lib/lifeline.js';
import { dirs, shortPath } from '../lib/paths.js';
import { readProgress } from '../lib/progress.js';
import { runPassed } from '../lib/results.js';
import { STEPS, findAvailableStep, type Step } from '../lib/steps.js';
import { c, confirm, next, npmRun, out, sym } from '../lib/ui.js';
import { watchProject } from '../lib/watch.js';
import { previousOf, type CarriedFile } from '../lib/carry.js';
import { listFiles } from '../lib/fsutil.js';
import { carryIntoWorkspace, ensureWorkspace, workspaceDir } from '../lib/workspace.js';
import { firstFailure, nextStepLine, quoted, renderChecklist } from '../reporters/pretty.js';
import { StepPage, type PageCheck, type PageState } from '../lib/step-page.js';

/** Where the step page listens unless it is taken: one address to bookmark. */
const PAGE_PORT = Number(process.env.WORKSHOP_PAGE_PORT ?? 4321);

/** The session as the step page shows it: the same facts as the terminal, as data. */
function pageState(step: Step, server: DevServer, loop: CheckLoop): PageState {
  const progress = readProgress();
  const view = loop.view();
  const run = view.run;
  const checks: PageCheck[] = (run?.results ?? []).map((r, i) => {
    const link = r.lesson ? parseLessonLink(r.lesson) : undefined;
    const lesson = link ? (link.slug === step.slug ? `#${link.anchor ?? ''}` : `/doc/${link.slug}.md${link.anchor ? `#${link.anchor}` : ''}`) : undefined;
    return {
      number: i + 1,
      title: r.title,
      ...(r.file && { file: r.file }),
      state: view.stale.has(r) && view.phase ? 'running' : r.state,
      group: r.group,
      ...(r.message && { message: r.message }),
      ...(lesson && { lesson }),
    };
  });
  const passed = checks.filter((c) => c.state === 'pass').length;
  const s = server.state;
  const { url, text: status } = serverStatus(server);
  const done = view.complete;
  const f = done && !view.phase ? firstFailure(done) : undefined;
  return {
    step: step.slug,
    title: step.title,
    course: STEPS.map((st) => {
      // This step's figures are the live checklist's; the others', what their last run recorded.
      const live = st.slug === step.slug && run ? { passed, total: checks.length } : undefined;
      const p = live ?? (fs.existsSync(workspaceDir(st)) ? progress[st.slug] : undefined);
      return { slug: st.slug, title: st.title, current: st.slug === step.slug, available: st.available, started: Boolean(p), ...(p && { passed: p.passed, total: p.total }) };
    }),
    server: { status, ...(url && { url }), log: (s.kind === 'crashed' ? s.logs : server.log).slice(-40) },
    checks,
    ...(view.phase && { phase: view.phase === 'focus' ? 'Re-checking: what was failing first…' : 'Re-checking the rest…' }),
    ...(run?.problem && { problem: run.problem.message }),
    ...(run && { summary: `${passed} of ${checks.length} checks pass` }),
    ...(done && !view.phase && { next: runPassed(done) ? `Step complete! ${nextStepLine(step.slug)}` : f ? `Next: make check ${done.results.indexOf(f) + 1} pass, save, and watch this list.` : 'Next: fix the problem above and save.' }),
  };
}

function briefOf(step: Step): string[] {
  const lesson = readLesson(step);
  if (!lesson) return [];
  const lines = lesson.brief ? [lesson.brief] : [];
  const tasks = tasksOf(lesson);
  if (tasks.length) lines.push('', c.bold('Tasks:'), ...tasks.map((t) => `  ${sym.dot} ${t.heading}`));
  lines.push('', c.dim(`Lesson: docs/${step.slug}.md`));
  return lines;
}

/** One line of the whole course: where this step sits, and how the others stand. */
function courseLine(current: Step): string {
  const progress = readProgress();
  const parts = STEPS.filter((st) => st.available).map((st) => {
    const p = fs.existsSync(workspaceDir(st)) ? progress[st.slug] : undefined;
    const label = st.slug.slice(0, 2);
    const text = !p ? c.dim(`${label} ${sym.skip}`) : p.allPass ? c.green(`${label} ${sym.pass}`) : c.yellow(`${label} ${p.passed}/${p.total}`);
    return st.slug === current.slug ? c.bold(`[${text}]`) : text;
  });
  const coming = STEPS.filter((st) => !st.available).length;
  return `${c.dim('Course')}  ${parts.join('  ')}${coming ? c.dim(`  (+${coming} coming)`) : ''}`;
}

/** The learner's server in words: one wording for the terminal and the step page. */
function serverStatus(server: DevServer): { url?: string; text: string } {
  const s = server.state;
  const url = server.port !== undefined ? `http://localhost:${server.port}` : undefined;
  const text = {
    absent: 'no src/server.ts yet: create it and save, and it starts',
    migrating: 'migrating your database …',
    starting: `starting${url ? ` on ${url}` : ''} …`,
    ready: `running at ${url ?? '?'}`,
    crashed: `not running: ${s.kind === 'crashed' ? `${s.message}${s.where ? ` (${s.where})` : ''}` : ''}`,
  }[s.kind];
  return { ...(url && { url }), text };
}

function renderServer(step: Step, server: DevServer): string[] {
  const s = server.state;
  const { url, text } = serverStatus(server);
  const paint = { absent: c.yellow, migrating: c.dim, starting: c.dim, ready: (t: string) => t, crashed: c.red }[s.kind];
  // Running, the address stands out and comes with a request to try.
  const head = s.kind === 'ready' ? `${c.green('running')} at ${c.bold(url ?? '?')}  ${c.dim(`(try: curl ${url}${step.hasApp ? '/health' : ''})`)}` : paint(text);
  const lines = [`${c.bold('Server')}  ${head}${server.portNote ? c.dim(`  ${server.portNote}`) : ''}`];
  if (server.database) lines.push(c.dim(`  your database: ${server.database}`));
  if (server.migration) lines.push(c.red(`  migration failed: ${server.migration}`));
  if (s.kind === 'crashed') lines.push(c.yellow(`  ${s.where ? `Look at ${s.where}, fix it` : 'Fix the error'} and save: the server restarts by itself.`));
  const logs = s.kind === 'crashed' ? s.logs : server.log;
  for (const l of logs.slice(-6)) lines.push(c.dim(`  | ${l.length > 160 ? `${l.slice(0, 160)}…` : l}`));
  return lines;
}

/** Editors write these next to the file they save; they are not the learner's project. */
const editorNoise = (rel: string): boolean => /(^|\/)(\.#[^/]*|#[^/]*#|[^/]*~|[^/]*\.sw[a-p]|4913|\.DS_Store)$/.test(rel);

/** Whether a file's content changed since it was last seen (saving without a change is not a change). */
function contentChanged(seen: Map<string, string>, file: string): boolean {
  let hash = 'gone';
  try {
    hash = crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    // Removed, or a folder: a change.
  }
  const before = seen.get(file);
  seen.set(file, hash);
  return before !== hash || hash === 'gone';
}

/** Watch events for the workshop's benchmark and tests (WORKSHOP_WATCH_EVENTS=<file>): one JSON line each. */
function eventLog(): (event: Record<string, unknown>) => void {
  const file = process.env.WORKSHOP_WATCH_EVENTS;
  if (!file) return () => undefined;
  return (event) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ t: Date.now(), ...event })}\n`);
    } catch {
      // Only a log.
    }
  };
}

/**
 * `--from-mine`: the step starts from the learner's own previous step with the new scaffolding
 * merged in. Returns false when it did nothing (no previous work, or the learner said no).
 */
async function fromMine(step: Step, yes: boolean): Promise<boolean> {
  const previous = previousOf(STEPS, step);
  const n = String(step.number);
  if (!previous) throw new UsageError(`step ${step.slug} is the first: there is no earlier step of yours to start from`);
  const mine = workspaceDir(previous);
  if (listFiles(mine).length === 0) {
    throw new UsageError(`there is no ${shortPath(mine)} to carry forward: finish ${npmRun('step', String(previous.number))} first, or start from the starter with ${npmRun('step', n)}`);
  }
  const dir = workspaceDir(step);
  if (listFiles(dir).length > 0 && !yes) {
    const ok = await confirm(`Replace ${shortPath(dir)} with your ${previous.slug} merged with the ${step.slug} starter? Your current files are backed up first (${npmRun('restore', n)} brings them back).`);
    if (!ok) {
      out(c.dim('Nothing changed.'));
      next(`without being asked: ${npmRun('step', `${n} -- --from-mine --yes`)}`);
      return false;
    }
  }
  const passed = readProgress()[previous.slug];
  if (passed && !passed.allPass) out(c.yellow(`Your ${previous.slug} passed ${passed.passed}/${passed.total} checks when last checked: it is carried as it is.`));
  const { backup, files } = carryIntoWorkspace(step, previous);
  out(...carryReport(files, { from: shortPath(mine), to: shortPath(dir), previous, step }));
  if (backup) out(c.dim(`What was in ${shortPath(dir)} is saved in ${shortPath(backup)}: ${npmRun('restore', n)} puts it back.`));
  out(c.dim(`To start from the pristine starter instead: ${npmRun('reset', n)}.`), '');
  return true;
}

function carryReport(files: CarriedFile[], { from, to, previous, step }: { from: string; to: string; previous: Step; step: Step }): string[] {
  const count = (o: CarriedFile['outcome']) => files.filter((f) => f.outcome === o);
  const lines = [
    c.green(`Started ${to} from your ${from}, with what ${step.slug} adds merged in:`),
    `  ${count('yours').length} of your files as you left them, ${count('merged').length} merged with the new step's changes, ${count('scaffolding').length} from the ${step.slug} starter`,
  ];
  const conflicts = count('conflict');
  if (conflicts.length) {
    lines.push(
      c.red(`  ${sym.fail} ${conflicts.length} file${conflicts.length > 1 ? 's' : ''} where you and the new step changed the same lines:`),
      ...conflicts.map((f) => `      ${f.file} (${f.conflicts} place${f.conflicts === 1 ? '' : 's'})`),
      `    Open each, find the lines between <<<<<<< and >>>>>>>: "yours" is your ${previous.slug}, "reference" the`,
      `    ${previous.slug} solution you both started from, "starter" what ${step.slug} makes of it. Keep what each side`,
      '    needs, delete the markers and save: until then the file does not compile, and the checks say where.',
    );
  }
  const review = [...count('kept'), ...count('restored')];
  if (review.length) {
    lines.push(c.yellow(`  ! to review:`));
    for (const f of review) {
      lines.push(
        f.outcome === 'kept'
          ? `      ${f.file}: yours, kept (the ${step.slug} starter has no such file; remove it if the new step replaces it)`
          : `      ${f.file}: you had removed it, and ${step.slug} changes it: it is back, see whether you need it`,
      );
    }
  }
  return lines;
}

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('step', '1')}`);
    const step = findAvailableStep(positionals[0]);
    if (flags['from-mine'] && !(await fromMine(step, Boolean(flags.yes)))) return 1;
    const created = ensureWorkspace(step);
    const dir = workspaceDir(step);
    const n = String(step.number);
    const brief = briefOf(step);
    if (created) out(c.green(`Created ${shortPath(dir)} from the starter: this is your copy to edit.`));
    const previous = readProgress()[step.slug];
    if (previous && !created) out(c.dim(`Last time: ${previous.passed}/${previous.total} checks passed.`));

    if (flags.once) {
      out([c.bold(`Step ${step.slug} ${sym.dot} ${step.title}`), courseLine(step), '', ...brief, ''].join('\n'));
      const { run } = await checkWorkspace(step);
      out(renderChecklist(run, { heading: false }));
      if (runPassed(run)) out(`${c.bold(`${sym.arrow} Next:`)} ${c.green('step complete!')} ${nextStepLine(step.slug)}`);
      else out(`${c.bold(`${sym.arrow} Next:`)} ${npmRun('step', n)} to work with your server running and the checks re-running on every save`);
      return runPassed(run) ? 0 : 1;
    }

    const log = eventLog();
    const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;
    let lastFrame = '';
    let renderTimer: NodeJS.Timeout | undefined;
    let polling = false;
    let changed: string | undefined;

    let page: StepPage | undefined;
    let pageUrl: string | undefined;
    const server: DevServer = new DevServer({
      step,
      dir,
      onChange: () => {
        redraw();
        writeSession();
        page?.changed();
      },
      onStoppedFromOutside: (signal) => void stop(`Your server was stopped from outside (${signal}), so the workshop stopped too.`),
      onStart: (info) => log({ type: 'server', ...info }),
    });
    const loop = new CheckLoop(step, dir, ({ result, verdict, done } = {}) => {
      if (verdict) log({ type: 'verdict', title: verdict.title, state: verdict.state });
      if (result) log({ type: 'result', title: result.title, state: result.state });
      if (done) log({ type: 'done', passed: runPassed(done), passedCount: done.results.filter((r) => r.state === 'pass').length, total: done.results.length });
      redraw(Boolean(verdict || done));
      page?.changed();
    });
    if (!flags['no-web'] && process.env.npm_config_web !== 'false') {
      page = new StepPage({
        step,
        state: () => pageState(step, server, loop),
        failing: () => {
          const done = loop.view().complete;
          const f = done ? firstFailure(done) : undefined;
          return { allPass: Boolean(done && runPassed(done)), ...(f && { failing: { title: f.title, ...(f.lesson && { lesson: f.lesson }), ...(f.timedOut && { timedOut: true }) } }) };
        },
        runOne: (check) => loop.runOne(check),
      });
      try {
        pageUrl = await page.start(PAGE_PORT);
      } catch (err) {
        page = undefined;
        out(c.yellow(`The step page could not start (${(err as Error).message}); the terminal has everything.`));
      }
    }

    const render = (): string => {
      const view = loop.view();
      const lines = [c.bold(`Step ${step.slug} ${sym.dot} ${step.title}`) + c.dim(`  (your copy: ${shortPath(dir)})`), courseLine(step), ...(pageUrl ? [`${c.bold('Page')}    ${pageUrl}  ${c.dim('(the lesson, this checklist, hints and the diff in your browser)')}`] : []), '', ...brief, '', ...renderServer(step, server), ''];
      if (view.run) lines.push(renderChecklist(view.run, { heading: false, stale: view.stale, verdict: !view.phase }).replace(/^\n/, ''));
      if (view.phase) lines.push('', c.dim(view.phase === 'focus' ? 'Re-checking: what was failing first…' : view.run ? 'Re-checking the rest…' : 'Checking…'));
      else if (!view.run) lines.push(c.dim('Checking…'));
      lines.push('');
      const done = view.complete;
      if (done && !view.phase && runPassed(done)) {
        lines.push(`${c.bold(`${sym.arrow} Next:`)} ${c.green('step complete!')} Press Ctrl-C, then ${nextStepLine(step.slug)}`);
      } else if (done && !view.phase) {
        const f = firstFailure(done);
        const number = f ? done.results.indexOf(f) + 1 : 0;
        lines.push(`${c.bold(`${sym.arrow} Next:`)} ${f ? `make check ${number} ${quoted(f.title)} pass` : 'fix the problem above'}, save, and watch this list. Stuck? ${npmRun('hint', n)} in another terminal`);
      }
      if (!step.hasApp) lines.push(c.dim(`Other workshop commands (${npmRun('hint', n)}, ${npmRun('check', n)}) run from the workshop folder, not from ${shortPath(dir)}: there npm finds your own package.json.`));
      lines.push(c.dim(`Watching ${shortPath(dir)}${polling ? ' (polling)' : ''}${changed ? ` ${sym.dot} last change: ${changed}` : ''} ${sym.dot} Ctrl-C to stop`));
      return lines.join('\n');
    };
    const draw = () => {
      renderTimer = undefined;
      const frame = render();
      if (frame === lastFrame) return;
      lastFrame = frame;
      // A full redraw keeps the checklist in one place on screen; plain output appends instead.
      process.stdout.write(interactive ? `\x1b[2J\x1b[3J\x1b[H${frame}\n` : `${frame}\n\n`);
    };
    function redraw(soon = false): void {
      if (soon) {
        clearTimeout(renderTimer);
        renderTimer = setTimeout(draw, 0);
        return;
      }
      renderTimer ??= setTimeout(draw, 100);
    }

    // Who is running which step on which port: `npm run doctor` reads it.
    const sessionFile = path.join(dirs.state, 'sessions', `${process.pid}.json`);
    let sessionWritten = '';
    function writeSession(): void {
      const record = JSON.stringify({ pid: process.pid, step: step.slug, port: server.port });
      if (record === sessionWritten) return;
      sessionWritten = record;
      try {
        writeJsonFile(sessionFile, JSON.parse(record));
      } catch {
        // Only for doctor.
      }
    }

    const seen = new Map<string, string>();
    let debounce: NodeJS.Timeout | undefined;
    let migrate = false;
    const watcher = await watchProject(dir, (file) => {
      const rel = path.relative(dir, file).split(path.sep).join('/');
      if (editorNoise(rel) || !contentChanged(seen, file)) return;
      changed = rel;
      log({ type: 'save', file: rel });
      // Saves come in bursts: remember whether any file of the burst touches the database.
      migrate ||= rel.startsWith('src/db/') || rel === '.env';
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        void server.restart({ migrate });
        migrate = false;
        loop.trigger();
      }, 40);
    });
    polling = watcher.polling;

    let stopping = false;
    const stop = async (why?: string) => {
      if (stopping) return;
      stopping = true;
      clearTimeout(debounce);
      fs.rmSync(sessionFile, { force: true });
      await Promise.all([server.close(1500), loop.close(), watcher.close(), page?.close()]);
      if (why) out(`\n${why}`);
      out(`\n${c.dim('Stopped. Your work is saved in')} ${shortPath(dir)}${c.dim('. Continue any time with')} ${npmRun('step', n)}`);
      process.exit(0);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) process.on(signal, () => void stop());
    // npm (an editor's stop button signals it alone) or the terminal went away: stop with them.
    whenParentsGone(() => void stop());
    // Last resort if the runner dies some other way: never leave the learner's server behind.
    process.on('exit', () => {
      server.kill();
      loop.kill();
      fs.rmSync(sessionFile, { force: true });
    });

    draw();
    loop.warm();
    void server.restart({ migrate: true });
    loop.trigger();
    return new Promise<number>(() => {
      // Runs until Ctrl-C.
    });
  },
};

export default command;
