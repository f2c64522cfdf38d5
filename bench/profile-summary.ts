/**
 * Reads a V8 CPU profile (.cpuprofile, as BENCH_CPU_PROF=<dir> npm run bench:load writes one per
 * phase) and prints where the time went: the functions with the most time of their own (self),
 * the functions with the most time spent in them or below them (inclusive, each function counted
 * once per sample however deep it recurses), and the same by module. Shares are of the busy
 * time, idle excluded.
 *
 *   tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--match text]
 *
 * `--match` keeps only the rows whose name contains the text (e.g. `src/` or `pino`).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A file's place in the tree, short: `nm:<package>/...` for dependencies, else the repo path. */
function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, 'nm:')
    .replace(`${process.cwd()}/`, '');
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
}

function moduleKey(node: ProfileNode): string {
  const url = shortUrl(node.callFrame.url);
  if (url === '') return node.callFrame.functionName;
  if (!url.startsWith('nm:')) return url;
  const parts = url.slice(3).split('/');
  const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? url);
  return `nm:${name}`;
}

function add(into: Map<string, number>, key: string, micros: number): void {
  into.set(key, (into.get(key) ?? 0) + micros);
}

export function summarise(profile: CpuProfile, top: number, match?: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfFn = new Map<string, number>();
  const inclusiveFn = new Map<string, number>();
  const selfModule = new Map<string, number>();
  const inclusiveModule = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((sample, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(sample);
    if (leaf === undefined || leaf.callFrame.functionName === '(idle)') return;
    busy += micros;
    add(selfFn, functionKey(leaf), micros);
    add(selfModule, moduleKey(leaf), micros);
    const seenFn = new Set<string>();
    const seenModule = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (node === undefined || node.callFrame.functionName === '(root)') continue;
      const fn = functionKey(node);
      const mod = moduleKey(node);
      if (!seenFn.has(fn)) add(inclusiveFn, fn, micros);
      if (!seenModule.has(mod)) add(inclusiveModule, mod, micros);
      seenFn.add(fn);
      seenModule.add(mod);
    }
  });
  const table = (title: string, rows: Map<string, number>): string => {
    const lines = [...rows]
      .filter(([name]) => match === undefined || name.includes(match))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${name}`);
    return [`${title}:`, ...lines].join('\n');
  };
  return [
    `busy ${(busy / 1000).toFixed(0)} ms`,
    table('self, by function', selfFn),
    table('inclusive, by function', inclusiveFn),
    table('self, by module', selfModule),
    table('inclusive, by module', inclusiveModule),
  ].join('\n\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const file = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (file === undefined) {
    process.stderr.write(
      'usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--match text]\n',
    );
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${summarise(profile, Number(option('top') ?? 25), option('match'))}\n`);
}

if (require.main === module) main();
