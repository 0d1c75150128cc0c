import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../lib/command.js';
import { checkWorkspace } from '../lib/current-run.js';
import { readEnvFile } from '../lib/dotenv-file.js';
import { readLesson, tasksOf } from '../lib/lesson.js';
import { shortPath } from '../lib/paths.js';
import { freePort, isPortFree, killTree, NotReadyError, startTsProcess, waitForServer, type ManagedProcess } from '../lib/processes.js';
import { readProgress } from '../lib/progress.js';
import type { RunResult } from '../lib/results.js';
import { runPassed } from '../lib/results.js';
import { STEPS, availableSteps, findAvailableStep, type Step } from '../lib/steps.js';
import { watchProject } from '../lib/watch.js';
import { runDbTask, usesDatabase } from '../lib/db-tasks.js';
import { ensureWorkspace, workspaceDir } from '../lib/workspace.js';
import { c, npmRun, out, sym } from '../lib/ui.js';
import { firstFailure, renderChecklist } from '../reporters/pretty.js';
import { UsageError } from '../lib/errors.js';

type ServerState =
  | { kind: 'absent' }
  | { kind: 'migrating' }
  | { kind: 'starting' }
  | { kind: 'ready' }
  | { kind: 'crashed'; message: string; logs: string[] };

interface LiveState {
  step: Step;
  dir: string;
  port: number;
  portNote?: string;
  server: ServerState;
  serverLog: string[];
  /** The last migration problem, shown until a migration succeeds. */
  migration?: string;
  checking: boolean;
  run?: RunResult;
  polling: boolean;
  changed?: string;
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

function renderServer(s: LiveState): string[] {
  const url = `http://localhost:${s.port}`;
  const head = {
    absent: c.yellow(`no src/server.ts yet: create it and save, and it starts here`),
    migrating: c.dim('migrating your database …'),
    starting: c.dim(`starting on ${url} …`),
    ready: `${c.green('running')} at ${c.bold(url)}  ${c.dim(`(try: curl ${url}${s.step.hasApp ? '/health' : ''})`)}`,
    crashed: c.red(`not running: ${s.server.kind === 'crashed' ? s.server.message : ''}`),
  }[s.server.kind];
  const lines = [`${c.bold('Server')}  ${head}${s.portNote ? c.dim(`  ${s.portNote}`) : ''}`];
  if (s.migration) lines.push(c.red(`  migration failed: ${s.migration}`));
  const logs = s.server.kind === 'crashed' ? s.server.logs : s.serverLog;
  for (const l of logs.slice(-6)) lines.push(c.dim(`  | ${l.length > 160 ? `${l.slice(0, 160)}…` : l}`));
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

function render(s: LiveState, brief: string[]): string {
  const lines = [c.bold(`Step ${s.step.slug} ${sym.dot} ${s.step.title}`) + c.dim(`  (your copy: ${shortPath(s.dir)})`), courseLine(s.step), '', ...brief, '', ...renderServer(s), ''];
  if (s.run) lines.push(renderChecklist(s.run, { heading: false }).replace(/^\n/, ''));
  if (s.checking) lines.push(c.dim(s.run ? '(re-checking…)' : 'Checking…'));
  lines.push('');
  const n = String(s.step.number);
  if (s.run && runPassed(s.run)) {
    const after = availableSteps().find((x) => x.number === s.step.number + 1);
    lines.push(`${c.bold(`${sym.arrow} Next:`)} ${c.green('step complete!')} Press Ctrl-C, then ${after ? npmRun('step', String(after.number)) : npmRun('progress')}`);
  } else if (s.run) {
    const f = firstFailure(s.run);
    lines.push(`${c.bold(`${sym.arrow} Next:`)} ${f ? `make "${f.title}" pass` : 'fix the problem above'}, save, and watch this list. Stuck? ${npmRun('hint', n)} in another terminal`);
  }
  lines.push(c.dim(`Watching ${shortPath(s.dir)}${s.polling ? ' (polling)' : ''}${s.changed ? ` ${sym.dot} last change: ${s.changed}` : ''} ${sym.dot} Ctrl-C to stop`));
  return lines.join('\n');
}

/** Which port the learner's server gets: theirs (.env / PORT), or a free one if that is taken. */
async function choosePort(step: Step, dir: string): Promise<{ port: number; pass: boolean; note?: string }> {
  const fromFile = readEnvFile(path.join(dir, '.env')).PORT;
  const wanted = Number(process.env.PORT ?? fromFile ?? 3000) || 3000;
  if (await isPortFree(wanted)) return { port: wanted, pass: step.hasApp };
  // Step 00 is about reading PORT from .env: never override it there, just say what happened.
  if (!step.hasApp) return { port: wanted, pass: false, note: `port ${wanted} is busy: change PORT in .env` };
  const port = await freePort();
  return { port, pass: true, note: `(port ${wanted} is busy, so this run uses ${port})` };
}

const command: Command = {
  options: {
    once: { description: 'set up the step, print the brief and the checklist once, and exit (no watching)' },
  },
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('step', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const created = ensureWorkspace(step);
    const dir = workspaceDir(step);
    const brief = briefOf(step);
    if (created) out(c.green(`Created ${shortPath(dir)} from the starter: this is your copy to edit.`));
    const previous = readProgress()[step.slug];
    if (previous && !created) out(c.dim(`Last time: ${previous.passed}/${previous.total} checks passed.`));

    if (flags.once) {
      out([c.bold(`Step ${step.slug} ${sym.dot} ${step.title}`), courseLine(step), '', ...brief, ''].join('\n'));
      const { run } = await checkWorkspace(step);
      out(renderChecklist(run, { heading: false }));
      out(`${c.bold(`${sym.arrow} Next:`)} ${npmRun('step', String(step.number))} to work with your server running and the checks re-running on every save`);
      return runPassed(run) ? 0 : 1;
    }

    const portChoice = await choosePort(step, dir);
    const state: LiveState = { step, dir, port: portChoice.port, portNote: portChoice.note, server: { kind: 'starting' }, serverLog: [], checking: false, polling: false };
    const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;
    let lastFrame = '';
    let renderTimer: NodeJS.Timeout | undefined;
    const draw = () => {
      renderTimer = undefined;
      const frame = render(state, brief);
      if (frame === lastFrame) return;
      lastFrame = frame;
      // A full redraw keeps the checklist in one place on screen; plain output appends instead.
      process.stdout.write(interactive ? `\x1b[2J\x1b[3J\x1b[H${frame}\n` : `${frame}\n\n`);
    };
    const redraw = (soon = false) => {
      if (renderTimer) return;
      renderTimer = setTimeout(draw, soon ? 0 : 150);
    };

    let server: ManagedProcess | undefined;
    let generation = 0;
    const startServer = async (migrate: boolean) => {
      const mine = ++generation;
      if (server) await server.stop();
      state.serverLog = [];
      // From step 03 the server needs its tables: migrate first, as `npm run db:migrate` would.
      if (migrate && usesDatabase(dir)) {
        state.server = { kind: 'migrating' };
        redraw();
        const result = await runDbTask(dir, 'migrate');
        if (mine !== generation) return;
        state.migration = result.ok ? undefined : result.error;
        if (result.ok && result.applied?.length) state.serverLog.push(`applied migrations: ${result.applied.join(', ')}`);
      }
      if (!fs.existsSync(path.join(dir, 'src', 'server.ts'))) {
        state.server = { kind: 'absent' };
        return redraw();
      }
      state.server = { kind: 'starting' };
      redraw();
      const proc = startTsProcess({
        cwd: dir,
        env: { NODE_ENV: 'development', ...(portChoice.pass && { PORT: String(state.port) }) },
        group: true,
        onOutput: (chunk) => {
          if (mine !== generation) return;
          state.serverLog.push(...chunk.split(/\r?\n/).filter(Boolean));
          state.serverLog = state.serverLog.slice(-20);
          redraw();
        },
      });
      server = proc;
      void proc.exited.then((code) => {
        if (mine !== generation || state.server.kind === 'crashed') return;
        state.server = { kind: 'crashed', message: `it exited (code ${code}); fix the error and save`, logs: proc.logs.last(8) };
        redraw();
      });
      try {
        await waitForServer(`http://127.0.0.1:${state.port}`, proc, 15_000);
        if (mine === generation) state.server = { kind: 'ready' };
      } catch (err) {
        if (mine === generation && err instanceof NotReadyError) state.server = { kind: 'crashed', message: err.message, logs: err.logs.slice(-8) };
      }
      redraw();
    };

    let checks: AbortController | undefined;
    const check = async () => {
      checks?.abort();
      const controller = new AbortController();
      checks = controller;
      state.checking = true;
      redraw();
      const { run } = await checkWorkspace(step, controller.signal);
      if (controller.signal.aborted) return;
      state.run = run;
      state.checking = false;
      redraw(true);
    };

    let debounce: NodeJS.Timeout | undefined;
    let schemaChanged = false;
    const watcher = await watchProject(dir, (file) => {
      state.changed = path.relative(dir, file).split(path.sep).join('/');
      clearTimeout(debounce);
      // Saves come in bursts: remember whether any file of the burst was a migration or model.
      schemaChanged ||= /(^|[\\/])src[\\/]db[\\/]/.test(path.relative(dir, file));
      debounce = setTimeout(() => {
        void startServer(schemaChanged);
        schemaChanged = false;
        void check();
      }, 150);
    });
    state.polling = watcher.polling;

    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      clearTimeout(debounce);
      checks?.abort();
      generation++;
      await Promise.all([server?.stop(1500), watcher.close()]);
      out(`\n${c.dim('Stopped. Your work is saved in')} ${shortPath(dir)}${c.dim('. Continue any time with')} ${npmRun('step', String(step.number))}`);
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    process.on('SIGHUP', () => void stop());
    // Last resort if the runner dies some other way: never leave the learner's server behind.
    process.on('exit', () => {
      if (server) killTree(server.child, 'SIGKILL', true);
    });

    draw();
    void startServer(true);
    void check();
    return new Promise<number>(() => {
      // Runs until Ctrl-C.
    });
  },
};

export default command;
