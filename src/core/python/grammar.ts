/**
 * Where `@lezer/python` fails on Python that Python accepts. An error there is "cannot tell",
 * never "invalid syntax": the tree after it is unreliable too (a body may then look wrongly
 * indented), so neither the analysis nor the export reports any syntax error in that cell.
 */
import { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';

/** The text parsed last, and its tree (see `parsePython`). */
let lastParse: { code: string; tree: Tree } | null = null;

/**
 * `@lezer/python`'s tree of `code`. The last tree is kept (trees are immutable): an export
 * parses a cell's code for its statements, then the analysis parses the same text again.
 */
export function parsePython(code: string): Tree {
  if (lastParse === null || lastParse.code !== code) {
    lastParse = { code, tree: parser.parse(code) };
  }
  return lastParse.tree;
}

/** Whether any error node of the tree may be a gap of the grammar. */
export function hasGrammarGap(tree: Tree, code: string): boolean {
  let gap = false;
  tree.iterate({
    enter: node => {
      if (!gap && node.type.isError && isGrammarGap(node.node, code)) {
        gap = true;
      }
      return !gap;
    }
  });
  return gap;
}

/**
 * Whether an error node may be a gap of the grammar: in the header of a `with` statement
 * (parenthesised context managers, `as (a, b)` targets), or a bare `(yield)`.
 */
export function isGrammarGap(error: SyntaxNode, code: string): boolean {
  for (let parent = error.parent; parent !== null; parent = parent.parent) {
    if (parent.name === 'Body') {
      break;
    }
    if (parent.name === 'WithStatement') {
      return true;
    }
  }
  // After such an error the parser may have closed the `with` statement already, and then
  // fails again at the start of its body.
  let lineStart = code.lastIndexOf('\n', error.from - 1) + 1;
  if (code.slice(lineStart, error.from).trim() === '' && lineStart > 0) {
    lineStart = code.lastIndexOf('\n', lineStart - 2) + 1;
  }
  if (/^[ \t]*(async[ \t]+)?with\b/.test(code.slice(lineStart, error.from))) {
    return true;
  }
  return (
    error.parent?.name === 'YieldExpression' &&
    /^\s*\)/.test(code.slice(error.from, error.from + 100))
  );
}
