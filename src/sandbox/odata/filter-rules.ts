import { badRequest } from '../graph-error';
import type { FilterExpr, FilterOp } from './filter-ast';

/**
 * Which properties a collection lets `$filter` touch, with which operators. Graph rejects
 * anything else with 400, so the sandbox does too: a query that passes here is one the real
 * service documents as supported.
 */
export interface FilterRules {
  /** Resource name used in error messages, e.g. "signIn". */
  resource: string;
  /** Property path (compared case-insensitively) to the operators allowed on it. */
  properties: Readonly<Record<string, readonly FilterOp[]>>;
  /** Operators allowed only in an advanced query (ConsistencyLevel: eventual and $count=true). */
  advancedOnly?: readonly FilterOp[];
  /** Error code of the 400 that rejects an unsupported filter. */
  errorCode?: string;
}

interface Use {
  path: string;
  op: FilterOp;
}

type LambdaScope = ReadonlyMap<string, string>;

function resolve(segments: readonly string[], scope: LambdaScope): string {
  const bound = scope.get(segments[0]);
  if (bound === undefined) return segments.join('/');
  return [bound, ...segments.slice(1)].join('/');
}

function unsupported(rules: FilterRules, reason: string) {
  return badRequest(
    `Unsupported query: ${reason} on resource '${rules.resource}'.`,
    rules.errorCode ?? 'BadRequest',
  );
}

function collect(expr: FilterExpr, scope: LambdaScope, rules: FilterRules, out: Use[]): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      collect(expr.left, scope, rules, out);
      collect(expr.right, scope, rules, out);
      return;
    case 'not': {
      const inner: Use[] = [];
      collect(expr.operand, scope, rules, inner);
      out.push(...inner);
      for (const path of new Set(inner.map((u) => u.path))) out.push({ path, op: 'not' });
      return;
    }
    case 'compare': {
      const paths = [expr.left, expr.right].filter((o) => o.kind === 'path');
      if (paths.length !== 1) {
        throw unsupported(rules, 'a comparison must have one property and one value');
      }
      const [path] = paths;
      if (path.kind === 'path') out.push({ path: resolve(path.segments, scope), op: expr.op });
      return;
    }
    case 'in':
      out.push({ path: resolve(expr.operand.segments, scope), op: 'in' });
      return;
    case 'call': {
      const [subject, value] = expr.args;
      if (subject.kind !== 'path' || value.kind !== 'literal') {
        throw unsupported(rules, `${expr.name} needs a property and a value`);
      }
      out.push({ path: resolve(subject.segments, scope), op: expr.name });
      return;
    }
    case 'lambda': {
      const collection = resolve(expr.collection.segments, scope);
      out.push({ path: collection, op: expr.quantifier });
      collect(expr.body, new Map([...scope, [expr.variable, collection]]), rules, out);
      return;
    }
  }
}

/** Throws Graph's 400 when the filter uses a property or operator the collection does not support. */
export function checkFilter(expr: FilterExpr, rules: FilterRules, advancedQuery: boolean): void {
  const uses: Use[] = [];
  collect(expr, new Map(), rules, uses);
  const allowed = new Map(
    Object.entries(rules.properties).map(([path, ops]) => [path.toLowerCase(), ops] as const),
  );
  for (const use of uses) {
    const ops = allowed.get(use.path.toLowerCase());
    if (!ops) throw unsupported(rules, `property '${use.path}' is not filterable`);
    if (!ops.includes(use.op)) {
      throw unsupported(rules, `operator '${use.op}' is not supported on '${use.path}'`);
    }
    if (!advancedQuery && rules.advancedOnly?.includes(use.op)) {
      throw unsupported(
        rules,
        `operator '${use.op}' on '${use.path}' needs an advanced query (ConsistencyLevel: eventual and $count=true)`,
      );
    }
  }
}
