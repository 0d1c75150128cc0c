/** A small line diff (longest common subsequence), enough for the short files of a step. */
export type DiffLine = { op: ' ' | '-' | '+'; text: string };

export function diffLines(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // Files larger than this are summarised instead: the table would be too big to be worth it.
  if (n * m > 4_000_000) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: '-', text: a[i++] });
    else out.push({ op: '+', text: b[j++] });
  }
  while (i < n) out.push({ op: '-', text: a[i++] });
  while (j < m) out.push({ op: '+', text: b[j++] });
  return out;
}

export interface Hunk {
  aStart: number;
  bStart: number;
  lines: DiffLine[];
}

/** Groups a diff into hunks with `context` unchanged lines around each change. */
export function hunks(lines: DiffLine[], context = 3): Hunk[] {
  const result: Hunk[] = [];
  let aLine = 1;
  let bLine = 1;
  const positions = lines.map((l) => {
    const p = { a: aLine, b: bLine };
    if (l.op !== '+') aLine++;
    if (l.op !== '-') bLine++;
    return p;
  });
  let current: { from: number; to: number } | undefined;
  const ranges: { from: number; to: number }[] = [];
  lines.forEach((l, idx) => {
    if (l.op === ' ') return;
    const from = Math.max(0, idx - context);
    const to = Math.min(lines.length - 1, idx + context);
    if (current && from <= current.to + 1) current.to = to;
    else {
      current = { from, to };
      ranges.push(current);
    }
  });
  for (const r of ranges) {
    result.push({ aStart: positions[r.from].a, bStart: positions[r.from].b, lines: lines.slice(r.from, r.to + 1) });
  }
  return result;
}
