import { readLesson, requirementsOf, unmarkedRules } from '/work/h-early/runner/lib/lesson.js';
import { findStep } from '/work/h-early/runner/lib/steps.js';
const step = findStep(process.argv[2]);
const l = readLesson(step)!;
for (const r of requirementsOf(step.slug, l)) console.log(r.id, '|', r.sentence.slice(0, 140));
console.log('UNMARKED:', unmarkedRules(l));
