/**
 * What a V8 heap snapshot holds (a `.heapsnapshot` from `BENCH_HEAP_SNAPSHOT=<dir>` with
 * bench/load.ts, or any other): bytes and objects by kind and by constructor, and the largest
 * objects by what they alone keep alive (their retained size, from the dominator tree over the
 * snapshot's strong edges), each with the chain of objects that holds it.
 *
 *   tsx bench/heap-summary.ts <file.heapsnapshot> [--top 40] [--min-kb 256] [--find name]
 *
 * `--find name`: also the retained size of every object whose constructor or name is `name`,
 * with its chain (e.g. a class of ours, or `system / Context`).
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : process.argv[at + 1];
}

const file = process.argv[2];
const top = Number(arg('top', '40'));
const minBytes = Number(arg('min-kb', '256')) * 1024;
const find = arg('find', '');
const raw = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const { meta } = raw.snapshot;
const NF = meta.node_fields.length;
const EF = meta.edge_fields.length;
const nTypeAt = meta.node_fields.indexOf('type');
const nNameAt = meta.node_fields.indexOf('name');
const nSizeAt = meta.node_fields.indexOf('self_size');
const nEdgesAt = meta.node_fields.indexOf('edge_count');
const eTypeAt = meta.edge_fields.indexOf('type');
const eNameAt = meta.edge_fields.indexOf('name_or_index');
const eToAt = meta.edge_fields.indexOf('to_node');
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const nodes = raw.nodes;
const edges = raw.edges;
const strings = raw.strings;
const count = nodes.length / NF;

const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + nEdgesAt];
}
firstEdge[count] = edges.length / EF;

const typeOf = (n: number): string => nodeTypes[nodes[n * NF + nTypeAt]];
const nameOf = (n: number): string => strings[nodes[n * NF + nNameAt]];
const selfOf = (n: number): number => nodes[n * NF + nSizeAt];
const weak = edgeTypes.indexOf('weak');
const shortcut = edgeTypes.indexOf('shortcut');
const edgeName = (e: number): string => {
  const t = edgeTypes[edges[e * EF + eTypeAt]];
  const v = edges[e * EF + eNameAt];
  return t === 'element' || t === 'hidden' ? `[${v}]` : strings[v];
};
const label = (n: number): string => {
  const t = typeOf(n);
  const name = nameOf(n);
  if (t === 'object' || t === 'closure' || t === 'native')
    return `${name}${t === 'closure' ? '()' : ''}`;
  if (t === 'string' || t === 'concatenated string' || t === 'sliced string') {
    return `"${name.slice(0, 40).replace(/\s+/g, ' ')}"`;
  }
  return `(${t}) ${name.slice(0, 60)}`;
};

// Depth-first order from the root (node 0) over strong edges, then dominators by the iterative
// algorithm of Cooper, Harvey and Kennedy over the reverse post-order.
const post = new Int32Array(count).fill(-1);
const order = new Int32Array(count);
let visited = 0;
{
  const stack = new Int32Array(count * 2);
  const edgeAt = new Uint32Array(count);
  const seen = new Uint8Array(count);
  let sp = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  edgeAt[0] = firstEdge[0];
  while (sp > 0) {
    const n = stack[sp - 1];
    if (edgeAt[n] < firstEdge[n + 1]) {
      const e = edgeAt[n]++;
      const type = edges[e * EF + eTypeAt];
      if (type === weak || type === shortcut) continue;
      const to = edges[e * EF + eToAt] / NF;
      if (!seen[to]) {
        seen[to] = 1;
        edgeAt[to] = firstEdge[to];
        stack[sp++] = to;
      }
    } else {
      sp -= 1;
      post[n] = visited;
      order[visited++] = n;
    }
  }
}
// Predecessors (strong edges between reachable nodes), as lists by post-order number.
const predCount = new Uint32Array(visited + 1);
for (let n = 0; n < count; n++) {
  if (post[n] < 0) continue;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
    const type = edges[e * EF + eTypeAt];
    if (type === weak || type === shortcut) continue;
    const to = edges[e * EF + eToAt] / NF;
    predCount[post[to] + 1] += 1;
  }
}
for (let i = 1; i <= visited; i++) predCount[i] += predCount[i - 1];
const preds = new Int32Array(predCount[visited]);
const fill = predCount.slice();
for (let n = 0; n < count; n++) {
  if (post[n] < 0) continue;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
    const type = edges[e * EF + eTypeAt];
    if (type === weak || type === shortcut) continue;
    const to = edges[e * EF + eToAt] / NF;
    preds[fill[post[to]]++] = post[n];
  }
}
const root = visited - 1;
const idom = new Int32Array(visited).fill(-1);
idom[root] = root;
for (let changed = true; changed;) {
  changed = false;
  for (let b = root - 1; b >= 0; b--) {
    let chosen = -1;
    for (let p = predCount[b]; p < predCount[b + 1]; p++) {
      let other = preds[p];
      if (idom[other] < 0) continue;
      if (chosen < 0) {
        chosen = other;
        continue;
      }
      let finger = chosen;
      while (finger !== other) {
        while (finger < other) finger = idom[finger];
        while (other < finger) other = idom[other];
      }
      chosen = finger;
    }
    if (chosen >= 0 && idom[b] !== chosen) {
      idom[b] = chosen;
      changed = true;
    }
  }
}
const retained = new Float64Array(visited);
for (let b = 0; b < visited; b++) retained[b] += selfOf(order[b]);
for (let b = 0; b < root; b++) if (idom[b] >= 0 && idom[b] !== b) retained[idom[b]] += retained[b];

/** The edge from `from` to `to` (its name), if there is one. */
function via(from: number, to: number): string {
  for (let e = firstEdge[from]; e < firstEdge[from + 1]; e++) {
    if (edges[e * EF + eToAt] / NF === to) return edgeName(e);
  }
  return '?';
}
function chain(b: number): string {
  const parts: string[] = [];
  for (let at = b; at !== root && parts.length < 8; at = idom[at]) {
    const up = idom[at];
    parts.push(`${up === root ? '' : '.'}${via(order[up], order[at])}`);
  }
  return parts.reverse().join('').slice(-160);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
let total = 0;
const byType: Record<string, [number, number]> = {};
const byName: Record<string, [number, number]> = {};
for (let b = 0; b < visited; b++) {
  const n = order[b];
  const size = selfOf(n);
  total += size;
  const t = typeOf(n);
  (byType[t] ??= [0, 0])[0] += size;
  byType[t][1] += 1;
  const key =
    t === 'object' || t === 'closure' ? `${nameOf(n)}${t === 'closure' ? '()' : ''}` : `(${t})`;
  (byName[key] ??= [0, 0])[0] += size;
  byName[key][1] += 1;
}
const table = (rows: Record<string, [number, number]>, n: number): string =>
  Object.entries(rows)
    .sort((a, b) => b[1][0] - a[1][0])
    .slice(0, n)
    .map(([k, [size, objects]]) => `  ${kb(size).padStart(9)} ${String(objects).padStart(8)}  ${k}`)
    .join('\n');
process.stdout.write(
  `${file}: ${visited} objects reachable of ${count}, ${(total / 2 ** 20).toFixed(1)} MB\n` +
    `by kind (bytes, objects):\n${table(byType, 20)}\nby constructor:\n${table(byName, top)}\n`,
);

// The largest holders: objects retaining at least --min-kb, none of whose dominated children
// holds most (80%) of that: where the bytes actually split.
const mostChild = new Float64Array(visited);
for (let b = 0; b < root; b++) {
  const up = idom[b];
  if (up >= 0 && up !== b && retained[b] > mostChild[up]) mostChild[up] = retained[b];
}
const holders: number[] = [];
for (let b = 0; b < root; b++) {
  if (retained[b] >= minBytes && mostChild[b] < 0.8 * retained[b]) holders.push(b);
}
holders.sort((a, b) => retained[b] - retained[a]);
process.stdout.write(`largest holders (retained, self, what, held by):\n`);
for (const b of holders.slice(0, top)) {
  process.stdout.write(
    `  ${kb(retained[b]).padStart(9)} ${kb(selfOf(order[b])).padStart(8)}  ${label(order[b])}  <- ${chain(b)}\n`,
  );
}
if (find) {
  const found: number[] = [];
  for (let b = 0; b < root; b++) if (nameOf(order[b]) === find) found.push(b);
  found.sort((a, b) => retained[b] - retained[a]);
  let sum = 0;
  for (const b of found) sum += retained[b];
  process.stdout.write(
    `${find}: ${found.length} objects, retained ${kb(sum)} (overlaps counted)\n`,
  );
  for (const b of found.slice(0, top)) {
    process.stdout.write(`  ${kb(retained[b]).padStart(9)}  ${label(order[b])}  <- ${chain(b)}\n`);
  }
}
