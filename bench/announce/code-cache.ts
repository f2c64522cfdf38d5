/**
 * An experiment (BENCH_CODE_CACHE=<file>, `--code-cache` of bench/announce.ts): a V8 code cache
 * for a benchmark worker's CommonJS modules. Each module is compiled through `vm.Script` with the
 * cached data of the same file when there is some (V8 checks it against the source and ignores
 * it otherwise); `saveCodeCache` writes the data of every module compiled so far, after the
 * worker has been sending for a while, so functions compiled lazily while running are in it too.
 * A process restarted after a crash then compiles less. Node 20 has no `module.enableCompileCache`
 * (Node 22 has); the bot itself does not do this.
 *
 * Imported first by worker-main.ts, before any other module loads.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

interface ModuleInternals {
  prototype: { _compile(this: NodeJS.Module, content: string, filename: string): unknown };
  wrap(content: string): string;
  _resolveFilename(
    request: string,
    parent: NodeJS.Module,
    isMain: boolean,
    options?: unknown,
  ): string;
  _resolveLookupPaths(request: string, parent: NodeJS.Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeJS.Module>;
}

const file = process.env.BENCH_CODE_CACHE;
const scripts = new Map<string, Script>();
/** Modules whose cached data V8 took, and all compiled (measurement). */
export const codeCacheStats = { used: 0, compiled: 0 };

function readCache(path: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return out;
  }
  let at = 0;
  while (at + 8 <= data.length) {
    const nameLength = data.readUInt32LE(at);
    const name = data.toString('utf8', at + 4, at + 4 + nameLength);
    at += 4 + nameLength;
    const length = data.readUInt32LE(at);
    out.set(name, data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

function install(path: string): void {
  const cache = readCache(path);
  const internals = Module as unknown as ModuleInternals;
  const original = internals.prototype._compile;
  internals.prototype._compile = function compile(this: NodeJS.Module, content, filename) {
    if (!filename.endsWith('.js')) return original.call(this, content, filename);
    return compileCached(this, content, filename);
  };
  const compileCached = (self: NodeJS.Module, content: string, filename: string): unknown => {
    const cachedData = cache.get(filename);
    const script = new Script(internals.wrap(content.replace(/^#!.*/, '')), {
      filename,
      cachedData,
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    codeCacheStats.compiled += 1;
    if (cachedData && !script.cachedDataRejected) codeCacheStats.used += 1;
    scripts.set(filename, script);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...args: unknown[]
    ) => unknown;
    const local = ((id: string) => self.require(id)) as NodeJS.Require;
    const resolve = ((request: string, options?: unknown) =>
      internals._resolveFilename(request, self, false, options)) as NodeJS.RequireResolve;
    resolve.paths = (request: string) => internals._resolveLookupPaths(request, self);
    local.resolve = resolve;
    local.main = require.main;
    local.extensions = internals._extensions;
    local.cache = internals._cache;
    return wrapper.call(self.exports, self.exports, local, self, filename, dirname(filename));
  };
}

if (file) install(file);

/** Writes the cached data of every module compiled so far (replacing the file whole). */
export function saveCodeCache(): number {
  if (!file) return 0;
  const parts: Buffer[] = [];
  for (const [name, script] of scripts) {
    const data = script.createCachedData();
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(nameBytes.length);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(data.length);
    parts.push(head, nameBytes, size, data);
  }
  const all = Buffer.concat(parts);
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, all);
  renameSync(temporary, file);
  return all.length;
}
