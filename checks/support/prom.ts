/**
 * The Prometheus text exposition format (what `GET /metrics` answers), read into samples:
 * `name{label="value",…} 12.5`, with the `# TYPE` of each metric family.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric family name → counter, gauge, histogram, summary, untyped. */
  types: Map<string, string>;
  /** Lines that are neither comments nor samples (a malformed exposition). */
  malformed: string[];
}

function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  };
  skipSpace();
  while (i < text.length) {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!name) return undefined;
    i += name[0].length;
    while (text[i] === ' ') i++;
    if (text[i] !== '=') return undefined;
    i++;
    while (text[i] === ' ') i++;
    if (text[i] !== '"') return undefined;
    i++;
    let value = '';
    for (;;) {
      if (i >= text.length) return undefined;
      const c = text[i];
      if (c === '\\') {
        const n = text[i + 1];
        value += n === 'n' ? '\n' : n;
        i += 2;
      } else if (c === '"') {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    labels[name[0]] = value;
    skipSpace();
  }
  return labels;
}

function parseValue(text: string): number {
  // Prometheus reads floats as Go's ParseFloat does: Inf and NaN in any case (prom-client writes "Nan").
  const t = text.trim();
  if (/^\+?inf$/i.test(t)) return Infinity;
  if (/^-inf$/i.test(t)) return -Infinity;
  if (/^nan$/i.test(t)) return NaN;
  return Number(t);
}

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const malformed: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const m = /^#\s*TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (m) types.set(m[1], m[2]);
      continue;
    }
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!name) {
      malformed.push(line);
      continue;
    }
    let rest = line.slice(name[0].length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      // The closing brace that is not inside a quoted value.
      let inQuote = false;
      let end = -1;
      for (let i = 1; i < rest.length; i++) {
        const c = rest[i];
        if (c === '\\' && inQuote) {
          i++;
          continue;
        }
        if (c === '"') inQuote = !inQuote;
        else if (c === '}' && !inQuote) {
          end = i;
          break;
        }
      }
      const parsed = end > 0 ? parseLabels(rest.slice(1, end)) : undefined;
      if (!parsed) {
        malformed.push(line);
        continue;
      }
      labels = parsed;
      rest = rest.slice(end + 1);
    }
    const parts = rest.trim().split(/\s+/);
    const value = parseValue(parts[0] ?? '');
    if (parts[0] === undefined || parts[0] === '' || (Number.isNaN(value) && !/^nan$/i.test(parts[0]))) {
      malformed.push(line);
      continue;
    }
    samples.push({ name: name[0], labels, value });
  }
  return { samples, types, malformed };
}

/** The samples named `name` whose labels include every one of `labels`. */
export function samplesOf(exp: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exp.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The sum of the values of those samples (0 when there is none). */
export function valueOf(exp: Exposition, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(exp, name, labels).reduce((sum, s) => sum + s.value, 0);
}

/** The distinct values of one label over the samples named `name`. */
export function labelValues(exp: Exposition, name: string, label: string): Set<string> {
  return new Set(samplesOf(exp, name).map((s) => s.labels[label]).filter((v): v is string => v !== undefined));
}
