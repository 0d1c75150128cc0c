/**
 * A Dockerfile read the way `docker build` reads it: parser directives (`# escape=`), comment
 * lines (also inside a continued instruction), line continuations, here-documents (`RUN <<EOF`),
 * and instructions grouped into stages at each FROM. Only reading: nothing is built.
 */
export interface Instruction {
  /** Upper case: FROM, RUN, COPY, … */
  keyword: string;
  /** Everything after the keyword, continuations joined, here-document bodies appended. */
  args: string;
  /** The line it starts on (1-based), for messages. */
  line: number;
}

export interface Stage {
  /** The base image or an earlier stage's name, as written. */
  from: string;
  /** `AS name`, lower case. */
  name?: string;
  index: number;
  line: number;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** Instructions before the first FROM (ARG only, in a valid file). */
  preamble: Instruction[];
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let escape = '\\';
  // Parser directives: `# name=value` comment lines at the very top.
  for (const line of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const instructions: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let line = lines[i];
    i++;
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    let text = '';
    // Continuation: a line ending with the escape character (then only whitespace).
    for (;;) {
      const trimmed = line.replace(/\s+$/, '');
      if (trimmed.endsWith(escape)) {
        text += `${trimmed.slice(0, -1)} `;
        // The next line that is not a comment (comment lines inside a continuation are dropped).
        while (i < lines.length && /^\s*#/.test(lines[i])) i++;
        if (i >= lines.length) break;
        line = lines[i];
        i++;
        continue;
      }
      text += line;
      break;
    }
    const m = /^\s*([a-zA-Z]+)\s*([\s\S]*)$/.exec(text);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    let args = m[2].trim();
    // Here-documents: <<EOF or <<-EOF, quoted or not; the body runs to a line that is the word.
    for (const doc of args.matchAll(/<<-?\s*(["']?)([A-Za-z_][\w]*)\1/g)) {
      const word = doc[2];
      const body: string[] = [];
      while (i < lines.length) {
        const l = lines[i];
        i++;
        if (l.replace(/^\t+/, '').trim() === word) break;
        body.push(l);
      }
      args += `\n${body.join('\n')}`;
    }
    instructions.push({ keyword, args, line: start + 1 });
  }
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({
        from: words[0] ?? '',
        ...(asAt > 0 && words[asAt + 1] && { name: words[asAt + 1].toLowerCase() }),
        index: stages.length,
        line: ins.line,
        instructions: [],
      });
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { preamble, stages };
}

/** The exec form (`["node", "dist/server.js"]`) as its words, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  const t = args.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The stage `ref` names (`FROM build`, `COPY --from=build`, or an index), if it is one of the file's. */
export function stageNamed(file: Dockerfile, ref: string, before = file.stages.length): Stage | undefined {
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) return Number(r) < before ? file.stages[Number(r)] : undefined;
  return file.stages.slice(0, before).find((s) => s.name === r);
}

/** `KEY=value` pairs of an ENV or ARG instruction (ENV's legacy `KEY value` form too). */
export function assignments(ins: Instruction): { key: string; value: string | undefined }[] {
  const text = ins.args.trim();
  const out: { key: string; value: string | undefined }[] = [];
  if (ins.keyword === 'ENV' && !/^[^\s=]+=/.test(text)) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(text);
    if (m) out.push({ key: m[1], value: m[2] });
    return out;
  }
  // Words, with quotes kept together: KEY="a b" OTHER=c
  const words = text.match(/(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g) ?? [];
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq < 0) out.push({ key: w, value: undefined });
    else out.push({ key: w.slice(0, eq), value: w.slice(eq + 1).replace(/^"([\s\S]*)"$/, '$1').replace(/^'([\s\S]*)'$/, '$1') });
  }
  return out;
}

/** The sources of a COPY or ADD (without its flags and destination); the exec form too. */
export function copySources(ins: Instruction): { from?: string; sources: string[] } {
  const json = execForm(ins.args);
  const words = json ?? ins.args.split(/\s+/).filter(Boolean);
  const flags = words.filter((w) => w.startsWith('--'));
  const rest = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { ...(from && { from }), sources: rest.slice(0, -1) };
}

/**
 * The stages a stage builds on, itself first: `FROM build AS runtime` inherits everything `build`
 * set (its USER, ENV, CMD, HEALTHCHECK), up to a base image.
 */
export function chainOf(file: Dockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  let current = stage;
  for (let guard = 0; guard < file.stages.length; guard++) {
    const parent = stageNamed(file, current.from, current.index);
    if (!parent) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** The base image a stage finally starts from (through the stages it builds on). */
export const baseImageOf = (file: Dockerfile, stage: Stage): string => chainOf(file, stage).at(-1)!.from;

/** The last instruction with this keyword that applies to the stage (its own, else inherited). */
export function effective(file: Dockerfile, stage: Stage, keyword: string): Instruction | undefined {
  for (const s of chainOf(file, stage)) {
    const found = s.instructions.filter((i) => i.keyword === keyword).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** Every instruction that applies to the stage, inherited ones first. */
export function instructionsOf(file: Dockerfile, stage: Stage): Instruction[] {
  return chainOf(file, stage).reverse().flatMap((s) => s.instructions);
}

/** `node:20-alpine` → { name: 'node', tag: '20-alpine' }; a digest counts as pinned. */
export function imageRef(ref: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = ref.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  return { name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest, ...(hasTag && { tag: withoutDigest.slice(colon + 1) }), ...(digest && { digest }) };
}

/**
 * `.dockerignore` as Docker reads it: patterns relative to the context's root (`**` for any depth),
 * a pattern that matches a folder excludes everything in it, `!` includes again, and the last
 * matching line wins.
 */
export function dockerIgnore(text: string): (file: string) => boolean {
  const rules: { negate: boolean; re: RegExp }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = line.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
    if (!line || line === '.') continue;
    let re = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '*' && line[i + 1] === '*') {
        // `**/` is any number of folders, none included; a trailing `**` is anything.
        if (line[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '[') {
        const end = line.indexOf(']', i + 1);
        if (end < 0) re += '\\[';
        else {
          re += `[${line.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
          i = end;
        }
      } else if (c === '\\' && i + 1 < line.length) {
        re += line[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        i += 1;
      } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    rules.push({ negate, re: new RegExp(`^${re}$`) });
  }
  return (file: string) => {
    const parts = file.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (candidates.some((c) => rule.re.test(c))) ignored = !rule.negate;
    return ignored;
  };
}

/** A FROM's image with the ARGs declared before the first FROM put in (`node:${NODE_VERSION}-alpine`). */
export function resolvedImage(file: Dockerfile, ref: string): string {
  const args = new Map<string, string>();
  for (const ins of file.preamble.filter((i) => i.keyword === 'ARG')) for (const a of assignments(ins)) if (a.value !== undefined) args.set(a.key, a.value);
  return ref.replace(/\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    return args.get(name) ?? fallback ?? whole;
  });
}
