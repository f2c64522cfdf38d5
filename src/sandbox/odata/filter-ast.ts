/** Syntax tree of an OData `$filter` expression, as far as Microsoft Graph uses it. */

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FunctionName = 'startswith' | 'endswith' | 'contains';

/** Operator names as the per-collection allow-lists spell them. */
export type FilterOp = CompareOp | FunctionName | 'in' | 'not' | 'any' | 'all';

export type LiteralType = 'string' | 'number' | 'boolean' | 'null' | 'datetime' | 'guid';

export interface Literal {
  kind: 'literal';
  type: LiteralType;
  value: string | number | boolean | null;
}

/** A property path such as `status/errorCode`; inside a lambda it may start with the variable. */
export interface PathRef {
  kind: 'path';
  segments: string[];
}

export type Operand = Literal | PathRef;

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'in'; operand: PathRef; values: Literal[] }
  | { kind: 'call'; name: FunctionName; args: Operand[] }
  | {
      kind: 'lambda';
      quantifier: 'any' | 'all';
      collection: PathRef;
      variable: string;
      body: FilterExpr;
    };
