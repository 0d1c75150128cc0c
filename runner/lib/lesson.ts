import fs from 'node:fs';
import path from 'node:path';
import { dirs } from './paths.js';
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

/** The `<details><summary>Hint N</summary>…</details>` blocks of a section, in order. */
export function hintsOf(section: LessonSection): Hint[] {
  const hints: Hint[] = [];
  const re = /<details>\s*<summary>(.*?)<\/summary>([\s\S]*?)<\/details>/gi;
  for (const m of section.body.matchAll(re)) hints.push({ label: m[1].trim(), text: m[2].trim() });
  return hints;
}

/** The section's own text, without its hints, headings below it kept. */
export function withoutHints(section: LessonSection): string {
  return section.body.replace(/<details>[\s\S]*?<\/details>/gi, '').replace(/\n{3,}/g, '\n\n').trim();
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

/** Splits `docs/01-server.md#health` into the step slug and the anchor. */
export function parseLessonLink(link: string): { slug: string; anchor?: string } | undefined {
  const m = /docs\/(\d\d-[\w-]+)\.md(?:#([\w-]+))?/.exec(link);
  return m ? { slug: m[1], anchor: m[2] } : undefined;
}

/** Markdown to terminal text: keep it readable, drop the HTML and link syntax. */
export function toTerminal(markdown: string): string {
  return markdown
    .replace(/<\/?(details|summary)>/gi, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
