import fs from 'node:fs';
import path from 'node:path';
import { ROOT, dirs } from './paths.js';
import type { Step } from './steps.js';

export const lessonFile = (step: Step): string => path.join(dirs.docs, `${step.slug}.md`);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

export interface LessonSection {
  heading: string;
  anchor: string;
  level: number;
  /** The section's text up to the next heading of the same or a higher level. */
  body: string;
}

export interface Lesson {
  title: string;
  /** The `>` block under the title, without the markers. */
  brief: string;
  sections: LessonSection[];
}

export function parseLesson(markdown: string): Lesson {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) ?? '').slice(2).trim();
  const briefLines: string[] = [];
  const titleAt = lines.findIndex((l) => l.startsWith('# '));
  for (let i = titleAt + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('>')) briefLines.push(line.replace(/^>\s?/, ''));
    else if (briefLines.length > 0 || line.startsWith('#')) break;
  }
  const sections: LessonSection[] = [];
  const headings: { at: number; level: number; text: string }[] = [];
  let fenced = false;
  lines.forEach((line, at) => {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^(#{2,4})\s+(.*)$/.exec(line);
    if (m) headings.push({ at, level: m[1].length, text: m[2].trim() });
  });
  headings.forEach((h, i) => {
    const end = headings.slice(i + 1).find((o) => o.level <= h.level)?.at ?? lines.length;
    sections.push({ heading: h.text, anchor: slugify(h.text), level: h.level, body: lines.slice(h.at + 1, end).join('\n').trim() });
  });
  return { title, brief: briefLines.join('\n').trim(), sections };
}

export function readLesson(step: Step): Lesson | undefined {
  const file = lessonFile(step);
  return fs.existsSync(file) ? parseLesson(fs.readFileSync(file, 'utf8')) : undefined;
}

export interface Hint {
  label: string;
  text: string;
}

/**
 * Hints live outside the lessons, in `hints/NN-slug.md`, so a learner sees them only by asking
 * (`npm run hint N`). That file has a `##` heading per lesson section (the same heading text, so
 * the same anchor) and a `###` heading per hint, in escalating order.
 */
export const hintsFile = (step: Step): string => path.join(ROOT, 'hints', `${step.slug}.md`);

/** The hints of every section of a step's lesson, by the section's anchor. */
export function parseHints(markdown: string): Map<string, Hint[]> {
  const hints = new Map<string, Hint[]>();
  for (const section of parseLesson(markdown).sections) {
    if (section.level !== 2) continue;
    const list: Hint[] = [];
    const parts = section.body.split(/^###\s+(.*)$/m);
    for (let i = 1; i < parts.length; i += 2) list.push({ label: parts[i].trim(), text: parts[i + 1].trim() });
    hints.set(section.anchor, list);
  }
  return hints;
}

export function readHints(step: Step): Map<string, Hint[]> {
  const file = hintsFile(step);
  return fs.existsSync(file) ? parseHints(fs.readFileSync(file, 'utf8')) : new Map();
}

/** A lesson section's hints, in order (none when it has none). */
export function hintsOf(step: Step, anchor: string): Hint[] {
  return readHints(step).get(anchor) ?? [];
}

/** The `###` tasks under "## Your task". */
export function tasksOf(lesson: Lesson): LessonSection[] {
  const taskAt = lesson.sections.findIndex((s) => s.level === 2 && /your task/i.test(s.heading));
  if (taskAt < 0) return [];
  const tasks: LessonSection[] = [];
  for (const s of lesson.sections.slice(taskAt + 1)) {
    if (s.level <= 2) break;
    if (s.level === 3) tasks.push(s);
  }
  return tasks;
}

// ── Requirements ────────────────────────────────────────────────────────────────────────────
//
// Every sentence of a lesson's task that the checks hold the learner to carries a marker right
// after it: `… answers 404. <!-- req: read-404 -->`. Checks name the markers they enforce
// (`requirement(title, { covers: ['read-404'] })`), and the workshop's tests fail when a marker
// has no check, a check names no marker, or a sentence that sounds like a rule has no marker
// (word advice as advice: "you may", "consider", "a good idea").

export interface LessonRequirement {
  /** `02-api#read-404`. */
  id: string;
  /** The sentence the marker closes, as plain text. */
  sentence: string;
  /** The anchor of the `###` (or deeper) section it sits in. */
  section: string;
}

const MARKER = /<!--\s*req:\s*([a-z0-9][a-z0-9-]*)\s*-->/g;

/** Prose of a section as the learner reads it: no code blocks, no comments other than markers. */
function proseLines(body: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** Sentences of a block of markdown prose, each with the markers that close it. */
export function sentencesOf(body: string): { text: string; markers: string[] }[] {
  const blocks = proseLines(body)
    .join('\n')
    .split(/\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |\||#))/);
  const sentences: { text: string; markers: string[] }[] = [];
  for (const block of blocks) {
    // A sentence ends at . ! ? or : followed by a space or the end, after any markers that close it.
    const parts = block.replace(/\n/g, ' ').split(/(?<=[.!?:](?:\s*<!--\s*req:[^>]*-->)*)\s+(?=[A-Z`"(*|[-])/);
    for (const part of parts) {
      const markers = [...part.matchAll(MARKER)].map((m) => m[1]);
      const text = part
        .replace(MARKER, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .trim();
      if (text || markers.length) sentences.push({ text, markers });
    }
  }
  return sentences;
}

/** The sections whose sentences are requirements: the `###` tasks under "## Your task", and what is below them. */
function taskSections(lesson: Lesson): LessonSection[] {
  const taskAt = lesson.sections.findIndex((s) => s.level === 2 && /your task/i.test(s.heading));
  if (taskAt < 0) return [];
  const out: LessonSection[] = [];
  for (const s of lesson.sections.slice(taskAt + 1)) {
    if (s.level <= 2) break;
    out.push(s);
  }
  return out;
}

/** A section's own text, without the deeper sections inside it. */
function ownText(section: LessonSection): string {
  const at = section.body.search(/^#{2,6}\s/m);
  return at < 0 ? section.body : section.body.slice(0, at);
}

/** Every requirement marker of a lesson, in order, with the sentence it closes. */
export function requirementsOf(slug: string, lesson: Lesson): LessonRequirement[] {
  const found: LessonRequirement[] = [];
  const intro = lesson.sections.find((s) => s.level === 2 && /your task/i.test(s.heading));
  for (const section of [...(intro ? [intro] : []), ...taskSections(lesson)]) {
    for (const sentence of sentencesOf(ownText(section))) {
      for (const id of sentence.markers) found.push({ id: `${slug}#${id}`, sentence: sentence.text, section: section.anchor });
    }
  }
  return found;
}

/**
 * Words that make a sentence a rule. A task sentence with one of them and no marker is either a
 * requirement nobody checks, or advice worded as a rule: both fail the workshop's tests.
 */
export const NORMATIVE = /\b(?:must|never|always|answers|refuses?|refused|rejects?|rejected|required|has to|have to|may not|cannot|is not allowed|are not allowed)\b/i;

/** Task sentences that read as rules but carry no marker. */
export function unmarkedRules(lesson: Lesson): { section: string; sentence: string }[] {
  const out: { section: string; sentence: string }[] = [];
  for (const section of taskSections(lesson)) {
    for (const sentence of sentencesOf(ownText(section))) {
      // Inline code is an example, not prose: `can't be blank` is a message, not a rule.
      const prose = sentence.text.replace(/`[^`]*`/g, '');
      if (sentence.markers.length === 0 && NORMATIVE.test(prose) && !/^\s*>/.test(sentence.text)) out.push({ section: section.anchor, sentence: sentence.text });
    }
  }
  return out;
}

/** Splits `docs/01-server.md#health` into the step slug and the anchor. */
export function parseLessonLink(link: string): { slug: string; anchor?: string } | undefined {
  const m = /docs\/(\d\d-[\w-]+)\.md(?:#([\w-]+))?/.exec(link);
  return m ? { slug: m[1], anchor: m[2] } : undefined;
}

/** Markdown to terminal text: keep it readable, drop the HTML, markers and link syntax. */
export function toTerminal(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?(details|summary)>/gi, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
