/**
 * Small readers of `@lezer/python` syntax nodes, shared by the walker (`symbols.ts`): no
 * scope, no notebook state.
 */
import { SyntaxNode } from '@lezer/common';

/** Bracket tokens: punctuation, never a value. */
export const BRACKETS = new Set(['(', ')', '[', ']', '{', '}']);

export function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
    list.push(kid);
  }
  return list;
}

/** The name at the root of `a.b[0].c`, or null when the root is not a name (a call, a literal). */
export function rootName(
  start: SyntaxNode | null,
  text: string
): string | null {
  const root = rootNode(start);
  return root === null ? null : text.slice(root.from, root.to);
}

export function rootNode(start: SyntaxNode | null): SyntaxNode | null {
  let node = start;
  while (node !== null) {
    if (node.name === 'VariableName') {
      return node;
    }
    if (node.name === 'MemberExpression') {
      node = node.firstChild;
    } else if (node.name === 'ParenthesizedExpression') {
      node = node.firstChild?.nextSibling ?? null;
    } else {
      return null;
    }
  }
  return null;
}

/** The attribute right after the root (`self.items[0]` gives `items`), if any. */
export function firstProperty(
  start: SyntaxNode,
  text: string
): string | undefined {
  let property: string | undefined;
  let node: SyntaxNode | null = start;
  while (node !== null && node.name === 'MemberExpression') {
    const last: SyntaxNode | null = node.lastChild;
    if (last !== null && last.name === 'PropertyName') {
      property = text.slice(last.from, last.to);
    }
    node = node.firstChild;
  }
  return property;
}

/** The items between the brackets of a subscript (`a[1:, 0]`), or null for an attribute. */
export function subscriptIndex(node: SyntaxNode): SyntaxNode[] | null {
  let index: SyntaxNode[] | null = null;
  for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
    if (kid.name === '[') {
      index = [];
    } else if (index !== null && kid.name !== ']' && kid.name !== ',') {
      index.push(kid);
    }
  }
  return index;
}

/** The positional arguments of an argument list, up to any `*args` or keyword. */
export function positionals(list: SyntaxNode): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  for (let kid = list.firstChild; kid !== null; kid = kid.nextSibling) {
    if (kid.name === '*' || kid.name === '**') {
      break;
    }
    if (kid.name === 'AssignOp') {
      args.pop();
      break;
    }
    if (!BRACKETS.has(kid.name) && kid.name !== ',') {
      args.push(kid);
    }
  }
  return args;
}

/** The callee and argument list of `f(...)`, or null where the grammar recovered without them. */
export function callParts(
  node: SyntaxNode
): { callee: SyntaxNode; list: SyntaxNode } | null {
  const callee = node.firstChild;
  const list = node.lastChild;
  return callee === null || list === null || list.name !== 'ArgList'
    ? null
    : { callee, list };
}

export function firstPositional(list: SyntaxNode): SyntaxNode | null {
  let kid = list.firstChild;
  if (kid !== null && kid.name === '(') {
    kid = kid.nextSibling;
  }
  if (
    kid === null ||
    kid.name === ')' ||
    kid.name === '*' ||
    kid.name === '**'
  ) {
    return null;
  }
  const next = kid.nextSibling;
  return next !== null && next.name === 'AssignOp' ? null : kid;
}

/** The value of a plain string literal (`'a.csv'`, `r"x\y"`), or null for anything else. */
export function stringLiteral(node: SyntaxNode, text: string): string | null {
  if (node.name !== 'String') {
    return null;
  }
  const raw = text.slice(node.from, node.to);
  const prefix = /^[rRbBuU]*/.exec(raw)?.[0] ?? '';
  const body = raw.slice(prefix.length);
  const quote =
    body.startsWith('"""') || body.startsWith("'''")
      ? body.slice(0, 3)
      : body.slice(0, 1);
  if (quote === '' || body.length < 2 * quote.length || !body.endsWith(quote)) {
    return null;
  }
  const content = body.slice(quote.length, body.length - quote.length);
  if (/[rR]/.test(prefix) || !content.includes('\\')) {
    return content;
  }
  return content.replace(
    /\\(.)/g,
    (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c
  );
}
