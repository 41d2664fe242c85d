/**
 * Syntax errors in plain Python text that `@lezer/python` lets through or recovers from:
 * its error nodes, Python 2's `print x` and indentation Python rejects; for a script also
 * the rest of Python 2's syntax and statements out of place. One set of rules and words for
 * the analysis of a cell and for the export.
 */
import { SyntaxNode, Tree, TreeBuffer } from '@lezer/common';
import { parser } from '@lezer/python';
import { ISyntaxProblem } from '../types';
import { hasGrammarGap } from './grammar';
import { lineOf, lineStarts } from './offsets';

/**
 * What the text is. `cell`: a notebook cell as the analysis reads it on every edit, so only
 * the rules a scan of the node buffers can rule out (errors, `print x`, top-level
 * indentation); IPython runs a top-level `await`. `script`: a file `python` runs: every rule,
 * which visits every node.
 */
export type SyntaxScope = 'cell' | 'script';

/** The first syntax error of `text` (parsed into `tree`), in coordinates of `text`. */
export function syntaxProblem(
  tree: Tree,
  text: string,
  scope: SyntaxScope
): ISyntaxProblem | undefined {
  let first: Private.IFound | undefined;
  const report = (at: number, message: string): void => {
    if (first === undefined || at < first.at) {
      first = { at, message };
    }
  };
  if (scope === 'script') {
    Private.visit(tree.topNode, text, false, report);
  } else {
    Private.firstNodeProblem(tree, text, report);
    Private.indentation(tree.topNode, text, report);
  }
  if (first === undefined || hasGrammarGap(tree, text)) {
    return undefined;
  }
  const starts = lineStarts(text);
  const line = lineOf(starts, first.at);
  return { line, column: first.at - starts[line], message: first.message };
}

namespace Private {
  /** A problem at an offset of the text. */
  export interface IFound {
    at: number;
    message: string;
  }

  export type Report = (at: number, message: string) => void;

  /** The rule of error nodes and print statements, which both scopes apply. */
  export function nodeProblem(node: SyntaxNode): string | null {
    if (node.type.isError) {
      return trailingDotFloat(node) ? null : 'invalid syntax';
    }
    return node.name === 'PrintStatement' ? 'Python 2 print statement' : null;
  }

  /**
   * A bare `print`, a valid Python 3 expression, which the grammar reads as a print statement
   * missing its operand (an error node inside): nothing in it is a problem.
   */
  export function barePrint(node: SyntaxNode, text: string): boolean {
    return (
      node.name === 'PrintStatement' &&
      text.slice(node.from, node.to).trim() === 'print'
    );
  }

  /** The first problem of `nodeProblem`, in document order. */
  export function firstNodeProblem(
    tree: Tree,
    text: string,
    report: Report
  ): void {
    if (!hasProblemNode(tree)) {
      return;
    }
    const cursor = tree.cursor();
    let enter = true;
    while (cursor.next(enter)) {
      enter = true;
      if (PROBLEM_TYPES[cursor.type.id]) {
        const node = cursor.node;
        enter = !barePrint(node, text);
        const message = enter ? nodeProblem(node) : null;
        if (message !== null) {
          report(cursor.from, message);
          return;
        }
      }
    }
  }

  /** Node types `nodeProblem` may object to (by id). */
  const PROBLEM_TYPES: readonly boolean[] = parser.nodeSet.types.map(
    type => type.isError || type.name === 'PrintStatement'
  );

  /**
   * Whether the tree has an error or a print statement anywhere. Most cells have neither, and
   * scanning the raw node buffers costs a fraction of visiting every node with a cursor.
   */
  export function hasProblemNode(tree: Tree): boolean {
    const pending: Tree[] = [tree];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (PROBLEM_TYPES[next.type.id]) {
        return true;
      }
      for (const child of next.children) {
        if (child instanceof TreeBuffer) {
          const buffer = child.buffer;
          // Each node is four numbers, its type id first.
          for (let i = 0; i < buffer.length; i += 4) {
            if (PROBLEM_TYPES[buffer[i]]) {
              return true;
            }
          }
        } else {
          pending.push(child);
        }
      }
    }
    return false;
  }

  /** Every rule, over `node` and what it holds. */
  export function visit(
    node: SyntaxNode,
    text: string,
    inFunction: boolean,
    report: Report
  ): void {
    if (barePrint(node, text)) {
      return;
    }
    const message = nodeProblem(node) ?? scriptProblem(node, text);
    if (message !== null) {
      report(node.from, message);
    }
    const name = node.name;
    if (!inFunction) {
      const outside = OUTSIDE_FUNCTION[name];
      if (
        outside !== undefined &&
        (name !== 'ScopeStatement' || node.firstChild?.name === 'nonlocal')
      ) {
        report(node.from, outside);
      }
    }
    if (name === 'AssignStatement') {
      assignTargets(node, report);
    }
    if (name === 'Script' || name === 'Body') {
      indentation(node, text, report);
    }
    const nested = inFunction || FUNCTION_SCOPES.has(name);
    for (let child = node.firstChild; child; child = child.nextSibling) {
      visit(child, text, nested, report);
    }
  }

  /** Python 2 syntax that Python 3 rejects. */
  export function scriptProblem(node: SyntaxNode, text: string): string | null {
    const name = node.name;
    if (name === 'CompareOp' && text.slice(node.from, node.to) === '<>') {
      return 'Python 2 operator <>';
    }
    if (
      name === 'Number' &&
      /^0[\d_]*[1-9][\d_]*$/.test(text.slice(node.from, node.to))
    ) {
      return 'Python 2 octal literal';
    }
    if (
      (name === 'TryStatement' || name === 'RaiseStatement') &&
      node.getChild(',')
    ) {
      return `Python 2 ${name === 'TryStatement' ? 'except' : 'raise'} syntax`;
    }
    return null;
  }

  /** What each statement that needs an enclosing function is called outside one. */
  const OUTSIDE_FUNCTION: Record<string, string | undefined> = {
    ReturnStatement: "'return' outside function",
    YieldStatement: "'yield' outside function",
    yield: "'yield' outside function",
    await: "top-level 'await' runs only in IPython",
    ScopeStatement: "'nonlocal' outside function"
  };

  const FUNCTION_SCOPES = new Set(['FunctionDefinition', 'LambdaExpression']);

  /** What may stand before the last `=` of an assignment: targets Python 3 can assign to. */
  const TARGETS = new Set([
    'VariableName',
    'MemberExpression',
    'TupleExpression',
    'ArrayExpression',
    'ParenthesizedExpression',
    '*',
    ',',
    'AssignOp',
    'TypeDef'
  ]);

  export function assignTargets(node: SyntaxNode, report: Report): void {
    const ops = node.getChildren('AssignOp');
    const last = ops[ops.length - 1];
    for (
      let child = node.firstChild;
      child && last && child.from < last.from;
      child = child.nextSibling
    ) {
      if (!TARGETS.has(child.name)) {
        report(child.from, 'cannot assign to expression');
      }
    }
  }

  /**
   * Statements of one block start in one column, those of the script in column 0: the
   * grammar accepts any indentation.
   */
  export function indentation(
    block: SyntaxNode,
    text: string,
    report: Report
  ): void {
    let column = block.name === 'Script' ? 0 : -1;
    for (let child = block.firstChild; child; child = child.nextSibling) {
      if (
        child.name === ':' ||
        child.name === 'Comment' ||
        child.type.isError
      ) {
        continue;
      }
      const lineStart = text.lastIndexOf('\n', child.from - 1) + 1;
      if (text.slice(lineStart, child.from).trim() !== '') {
        continue;
      }
      const at = child.from - lineStart;
      if (column < 0) {
        column = at;
      } else if (at !== column) {
        report(child.from, 'unexpected indentation');
      }
    }
  }

  /** `1000.` is a float; the parser reads a member access without a name. */
  export function trailingDotFloat(error: SyntaxNode): boolean {
    const parent = error.parent;
    return (
      error.from === error.to &&
      parent !== null &&
      parent.name === 'MemberExpression' &&
      parent.firstChild?.name === 'Number' &&
      parent.firstChild.nextSibling?.name === '.' &&
      parent.getChild('PropertyName') === null
    );
  }
}
