import { badRequest } from '../graph-error';
import type { CompareOp, FilterExpr, FunctionName, Literal, Operand, PathRef } from './filter-ast';

/**
 * Parses a `$filter` string into a tree. Grammar (lowest precedence first):
 *   or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | primary
 *   primary := '(' or ')' | fn '(' operand ',' operand ')' | path '/' any|all '(' var ':' or ')'
 *            | operand op operand | path 'in' '(' literal (',' literal)* ')'
 * Syntax errors throw a Graph 400 naming the offending position.
 */

type Token =
  | { type: 'punct'; value: '(' | ')' | ',' | ':' | '/'; at: number }
  | { type: 'word'; value: string; at: number }
  | { type: 'literal'; literal: Literal; at: number };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_@$][A-Za-z0-9_.@$-]*/;
const COMPARE_OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'endswith', 'contains']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ type: 'punct', value: ch, at: i });
      i += 1;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntax(text, i, 'unterminated string literal');
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      tokens.push({ type: 'literal', literal: { kind: 'literal', type: 'string', value }, at: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid && !/[A-Za-z0-9-]/.test(rest[guid[0].length] ?? '')) {
      tokens.push({
        type: 'literal',
        literal: { kind: 'literal', type: 'guid', value: guid[0] },
        at: i,
      });
      i += guid[0].length;
      continue;
    }
    const date = DATETIME.exec(rest);
    if (date) {
      tokens.push({
        type: 'literal',
        literal: { kind: 'literal', type: 'datetime', value: date[0] },
        at: i,
      });
      i += date[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({
        type: 'literal',
        literal: { kind: 'literal', type: 'number', value: Number(num[0]) },
        at: i,
      });
      i += num[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      const lower = word[0].toLowerCase();
      if (lower === 'true' || lower === 'false') {
        tokens.push({
          type: 'literal',
          literal: { kind: 'literal', type: 'boolean', value: lower === 'true' },
          at: i,
        });
      } else if (lower === 'null') {
        tokens.push({
          type: 'literal',
          literal: { kind: 'literal', type: 'null', value: null },
          at: i,
        });
      } else {
        tokens.push({ type: 'word', value: word[0], at: i });
      }
      i += word[0].length;
      continue;
    }
    throw syntax(text, i, `unexpected character '${ch}'`);
  }
  return tokens;
}

function syntax(text: string, at: number, reason: string) {
  return badRequest(`Invalid filter clause: ${reason} at position ${at} in '${text}'.`);
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterExpr {
    if (this.tokens.length === 0) throw syntax(this.text, 0, 'empty expression');
    const expr = this.parseOr();
    const extra = this.peek();
    if (extra) throw syntax(this.text, extra.at, 'unexpected trailing input');
    return expr;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (!token) throw syntax(this.text, this.text.length, 'unexpected end of expression');
    this.pos += 1;
    return token;
  }

  private isWord(token: Token | undefined, word: string): boolean {
    return token?.type === 'word' && token.value.toLowerCase() === word;
  }

  private isPunct(token: Token | undefined, value: string): boolean {
    return token?.type === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    const token = this.next();
    if (!this.isPunct(token, value)) throw syntax(this.text, token.at, `expected '${value}'`);
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), 'and')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    if (this.isWord(this.peek(), 'not')) {
      this.pos += 1;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpr {
    const token = this.peek();
    if (this.isPunct(token, '(')) {
      this.pos += 1;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    if (token?.type === 'word' && FUNCTIONS.has(token.value.toLowerCase())) {
      if (this.isPunct(this.peek(1), '(')) return this.parseCall();
    }
    const left = this.parseOperand();
    if (left.kind === 'path' && this.isWord(this.peek(), 'in')) {
      this.pos += 1;
      return { kind: 'in', operand: left, values: this.parseLiteralList() };
    }
    if (left.kind === 'path' && this.isLambdaAhead()) return this.parseLambda(left);
    const opToken = this.next();
    const op = opToken.type === 'word' ? opToken.value.toLowerCase() : '';
    if (!COMPARE_OPS.has(op)) throw syntax(this.text, opToken.at, 'expected a comparison operator');
    const right = this.parseOperand();
    return { kind: 'compare', op: op as CompareOp, left, right };
  }

  private isLambdaAhead(): boolean {
    return (
      this.isPunct(this.peek(), '/') &&
      (this.isWord(this.peek(1), 'any') || this.isWord(this.peek(1), 'all')) &&
      this.isPunct(this.peek(2), '(')
    );
  }

  private parseLambda(collection: PathRef): FilterExpr {
    this.pos += 1;
    const quantifier = this.next();
    const kind =
      quantifier.type === 'word' && quantifier.value.toLowerCase() === 'all' ? 'all' : 'any';
    this.expectPunct('(');
    const variable = this.next();
    if (variable.type !== 'word')
      throw syntax(this.text, variable.at, 'expected a lambda variable');
    this.expectPunct(':');
    const body = this.parseOr();
    this.expectPunct(')');
    return { kind: 'lambda', quantifier: kind, collection, variable: variable.value, body };
  }

  private parseCall(): FilterExpr {
    const name = this.next();
    const fn = (name.type === 'word' ? name.value.toLowerCase() : '') as FunctionName;
    this.expectPunct('(');
    const args: Operand[] = [this.parseOperand()];
    while (this.isPunct(this.peek(), ',')) {
      this.pos += 1;
      args.push(this.parseOperand());
    }
    this.expectPunct(')');
    if (args.length !== 2) throw syntax(this.text, name.at, `${fn} takes two arguments`);
    return { kind: 'call', name: fn, args };
  }

  private parseLiteralList(): Literal[] {
    this.expectPunct('(');
    const values: Literal[] = [];
    for (;;) {
      const token = this.next();
      if (token.type !== 'literal')
        throw syntax(this.text, token.at, 'expected a literal in the list');
      values.push(token.literal);
      const sep = this.next();
      if (this.isPunct(sep, ')')) break;
      if (!this.isPunct(sep, ',')) throw syntax(this.text, sep.at, "expected ',' or ')'");
    }
    return values;
  }

  private parseOperand(): Operand {
    const token = this.next();
    if (token.type === 'literal') return token.literal;
    if (token.type !== 'word') throw syntax(this.text, token.at, 'expected a property or a value');
    const segments = [token.value];
    while (
      this.isPunct(this.peek(), '/') &&
      this.peek(1)?.type === 'word' &&
      !this.isLambdaAhead()
    ) {
      this.pos += 1;
      const segment = this.next();
      if (segment.type === 'word') segments.push(segment.value);
    }
    return { kind: 'path', segments };
  }
}

export function parseFilter(text: string): FilterExpr {
  return new Parser(text, tokenize(text)).parse();
}
