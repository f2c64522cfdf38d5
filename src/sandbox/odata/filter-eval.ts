import type { FilterExpr, Literal, Operand } from './filter-ast';

/**
 * Evaluates a parsed `$filter` against one JSON entity. String comparisons ignore case, as Graph
 * does for directory and report properties; a datetime literal compares by instant; a collection
 * compared with `eq` matches when any element matches.
 */

type Scope = ReadonlyMap<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a property path case-insensitively; a first segment naming a lambda variable starts there. */
export function readPath(entity: unknown, segments: readonly string[], scope: Scope = new Map()) {
  let current: unknown = entity;
  let rest = segments;
  if (segments.length > 0 && scope.has(segments[0])) {
    current = scope.get(segments[0]);
    rest = segments.slice(1);
  }
  for (const segment of rest) {
    if (!isRecord(current)) return undefined;
    if (segment in current) {
      current = current[segment];
      continue;
    }
    const key = Object.keys(current).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : current[key];
  }
  return current;
}

function operandValue(operand: Operand, entity: unknown, scope: Scope): unknown {
  return operand.kind === 'literal' ? operand.value : readPath(entity, operand.segments, scope);
}

function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** -1, 0 or 1; undefined when the two values cannot be ordered. */
function compareValues(left: unknown, right: unknown, dateLike: boolean): number | undefined {
  if (dateLike) {
    const a = asInstant(left);
    const b = asInstant(right);
    if (a === undefined || b === undefined) return undefined;
    return Math.sign(a - b);
  }
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'string' && typeof right === 'string') {
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean')
    return left === right ? 0 : undefined;
  return undefined;
}

function isDateLiteral(operand: Operand): boolean {
  return operand.kind === 'literal' && operand.type === 'datetime';
}

function equals(left: unknown, right: unknown, dateLike: boolean): boolean {
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left ?? null) === (right ?? null);
  }
  if (Array.isArray(left)) return left.some((item) => equals(item, right, dateLike));
  return compareValues(left, right, dateLike) === 0;
}

function compare(expr: Extract<FilterExpr, { kind: 'compare' }>, entity: unknown, scope: Scope) {
  const left = operandValue(expr.left, entity, scope);
  const right = operandValue(expr.right, entity, scope);
  const dateLike = isDateLiteral(expr.left) || isDateLiteral(expr.right);
  if (expr.op === 'eq') return equals(left, right, dateLike);
  if (expr.op === 'ne') return !equals(left, right, dateLike);
  const order = compareValues(left, right, dateLike);
  if (order === undefined) return false;
  switch (expr.op) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function callFunction(expr: Extract<FilterExpr, { kind: 'call' }>, entity: unknown, scope: Scope) {
  const [subject, needle] = expr.args.map((arg) => operandValue(arg, entity, scope));
  if (typeof needle !== 'string') return false;
  const test = (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    const haystack = value.toLowerCase();
    const part = needle.toLowerCase();
    if (expr.name === 'startswith') return haystack.startsWith(part);
    if (expr.name === 'endswith') return haystack.endsWith(part);
    return haystack.includes(part);
  };
  return Array.isArray(subject) ? subject.some(test) : test(subject);
}

function literalIn(value: unknown, values: readonly Literal[]): boolean {
  return values.some((literal) => equals(value, literal.value, literal.type === 'datetime'));
}

export function evaluateFilter(
  expr: FilterExpr,
  entity: unknown,
  scope: Scope = new Map(),
): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateFilter(expr.left, entity, scope) && evaluateFilter(expr.right, entity, scope);
    case 'or':
      return evaluateFilter(expr.left, entity, scope) || evaluateFilter(expr.right, entity, scope);
    case 'not':
      return !evaluateFilter(expr.operand, entity, scope);
    case 'compare':
      return compare(expr, entity, scope);
    case 'in':
      return literalIn(readPath(entity, expr.operand.segments, scope), expr.values);
    case 'call':
      return callFunction(expr, entity, scope);
    case 'lambda': {
      const items = readPath(entity, expr.collection.segments, scope);
      if (!Array.isArray(items)) return false;
      const holds = (item: unknown) =>
        evaluateFilter(expr.body, entity, new Map([...scope, [expr.variable, item]]));
      return expr.quantifier === 'any' ? items.some(holds) : items.every(holds);
    }
  }
}
