/**
 * The syntax of ARM template expressions: `[...]` strings parsed into an AST of
 * function calls, string literals ('' escapes a quote), numbers, and property and
 * index access. Evaluation lives in expressionEvaluator.ts.
 */

export type ExprNode =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'call'; name: string; args: ExprNode[]; start: number; end: number }
  | { kind: 'property'; target: ExprNode; name: string; start: number; end: number }
  | { kind: 'index'; target: ExprNode; index: ExprNode; start: number; end: number };

/** A string value is an expression when it is `[...]` and not an escaped literal `[[...`. */
export function isExpressionString(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** The literal a string denotes: `[[x]` stands for `[x]`. */
export function unescapeLiteralString(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

class ExpressionSyntaxError extends Error {}

/**
 * Parses the inside of `[...]` (offsets are relative to the string value, so
 * `start` 1 is the first character after `[`). Returns undefined on a syntax error.
 */
export function parseExpression(value: string): ExprNode | undefined {
  if (!isExpressionString(value)) return undefined;
  const parser = new Parser(value, 1, value.length - 1);
  try {
    const node = parser.parseExpression();
    parser.skipSpace();
    if (parser.pos !== parser.end) return undefined;
    return node;
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return undefined;
    throw error;
  }
}

/** How deeply expressions may nest; the evaluator uses the same bound for its recursion. */
export const MAX_EXPRESSION_DEPTH = 200;

class Parser {
  depth = 0;
  constructor(
    readonly text: string,
    public pos: number,
    readonly end: number,
  ) {}

  skipSpace(): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos])) this.pos++;
  }

  fail(): never {
    throw new ExpressionSyntaxError('syntax');
  }

  parseExpression(): ExprNode {
    if (++this.depth > MAX_EXPRESSION_DEPTH) this.fail();
    this.skipSpace();
    let node = this.parsePrimary();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (this.pos < this.end && c === '.') {
        this.pos++;
        this.skipSpace();
        const name = this.identifier();
        node = { kind: 'property', target: node, name, start: node.start, end: this.pos };
      } else if (this.pos < this.end && c === '[') {
        this.pos++;
        const index = this.parseExpression();
        this.skipSpace();
        if (this.text[this.pos] !== ']' || this.pos >= this.end) this.fail();
        this.pos++;
        node = { kind: 'index', target: node, index, start: node.start, end: this.pos };
      } else break;
    }
    this.depth--;
    return node;
  }

  identifier(): string {
    const match = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.end));
    if (!match) this.fail();
    this.pos += match[0].length;
    return match[0];
  }

  parsePrimary(): ExprNode {
    const start = this.pos;
    const c = this.text[this.pos];
    if (this.pos >= this.end) this.fail();
    if (c === "'") {
      let value = '';
      this.pos++;
      for (;;) {
        if (this.pos >= this.end) this.fail();
        const ch = this.text[this.pos];
        if (ch === "'") {
          if (this.text[this.pos + 1] === "'" && this.pos + 1 < this.end) {
            value += "'";
            this.pos += 2;
            continue;
          }
          this.pos++;
          break;
        }
        value += ch;
        this.pos++;
      }
      return { kind: 'string', value, start, end: this.pos };
    }
    const number = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.pos, this.end));
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]), start, end: this.pos };
    }
    let name = this.identifier();
    this.skipSpace();
    // User-defined functions are namespaced: `ns.fn(...)`.
    if (this.text[this.pos] === '.' && this.pos < this.end) {
      const save = this.pos;
      this.pos++;
      this.skipSpace();
      const second = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.end));
      if (second) {
        const after = this.pos + second[0].length;
        const rest = this.text.slice(after, this.end).trimStart();
        if (rest.startsWith('(')) {
          name = `${name}.${second[0]}`;
          this.pos = after;
          this.skipSpace();
        } else this.pos = save;
      } else this.pos = save;
    }
    if (this.text[this.pos] !== '(' || this.pos >= this.end) this.fail();
    this.pos++;
    const args: ExprNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')' && this.pos < this.end) {
      this.pos++;
      return { kind: 'call', name, args, start, end: this.pos };
    }
    for (;;) {
      args.push(this.parseExpression());
      this.skipSpace();
      const ch = this.text[this.pos];
      if (this.pos >= this.end) this.fail();
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === ')') {
        this.pos++;
        break;
      }
      this.fail();
    }
    return { kind: 'call', name, args, start, end: this.pos };
  }
}

/** Every node of an expression, depth first (for syntactic searches like `list*()` calls). */
export function walkExpression(node: ExprNode, visit: (node: ExprNode, parent: ExprNode | undefined) => void, parent?: ExprNode): void {
  visit(node, parent);
  switch (node.kind) {
    case 'call':
      for (const arg of node.args) walkExpression(arg, visit, node);
      break;
    case 'property':
      walkExpression(node.target, visit, node);
      break;
    case 'index':
      walkExpression(node.target, visit, node);
      walkExpression(node.index, visit, node);
      break;
    default:
      break;
  }
}
