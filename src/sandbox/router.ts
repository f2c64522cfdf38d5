import type { HttpMethod, Route } from './route';

interface CompiledRoute {
  route: Route;
  segments: { pattern: RegExp; names: string[]; literal: boolean }[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found'; segment: string };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSegment(segment: string) {
  const names: string[] = [];
  const source = segment
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(part);
      if (!param) return escape(part);
      names.push(param[1]);
      return '(.+?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`, 'i'), names, literal: names.length === 0 };
}

/**
 * Matches decoded path segments to routes. Literal segments compare case-insensitively, as Graph
 * does; when several routes match, the one with the most literal segments wins, so
 * `/riskyUsers/dismiss` beats `/riskyUsers/{id}`.
 */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: route.path
        .split('/')
        .filter((s) => s !== '')
        .map(compileSegment),
    }));
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    let otherMethod = false;
    let deepest = 0;
    for (const candidate of this.compiled) {
      if (candidate.segments.length !== segments.length) {
        deepest = Math.max(deepest, this.prefixDepth(candidate, segments));
        continue;
      }
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < segments.length && ok; i += 1) {
        const { pattern, names, literal } = candidate.segments[i];
        const hit = pattern.exec(segments[i]);
        if (!hit) {
          ok = false;
          deepest = Math.max(deepest, i);
          break;
        }
        names.forEach((name, k) => (params[name] = hit[k + 1]));
        if (literal) score += 1;
      }
      if (!ok) continue;
      if (candidate.route.method !== (method.toUpperCase() as HttpMethod)) {
        otherMethod = true;
        continue;
      }
      if (!best || score > best.score) best = { route: candidate.route, params, score };
    }
    if (best) return { kind: 'found', route: best.route, params: best.params };
    if (otherMethod) return { kind: 'method-not-allowed' };
    return { kind: 'not-found', segment: segments[Math.min(deepest, segments.length - 1)] ?? '' };
  }

  private prefixDepth(candidate: CompiledRoute, segments: readonly string[]): number {
    let i = 0;
    while (i < segments.length && i < candidate.segments.length) {
      if (!candidate.segments[i].pattern.test(segments[i])) break;
      i += 1;
    }
    return i;
  }

  get routes(): readonly Route[] {
    return this.compiled.map((c) => c.route);
  }
}
