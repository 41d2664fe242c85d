/**
 * The structure of plain Python the export needs: top-level statements, import statements,
 * literal assignments, and the first syntax error as a script (`python/syntax.ts`).
 */
import { SyntaxNode } from '@lezer/common';
import { parsePython } from '../python/grammar';
import { lineOf, lineStarts } from '../python/offsets';
import { syntaxProblem } from '../python/syntax';
import { ISyntaxProblem } from '../types';

/** One imported name: `a.b` in `import a.b as c`, `x` in `from m import x`. */
export interface IImportName {
  name: string;
  asname: string | null;
}

/** `import ...` (module null) or `from module import ...`. */
export interface IImport {
  module: string | null;
  names: IImportName[];
}

/** A literal assignment `name = 1` (for papermill's `parameters` cell). */
export interface ILiteral {
  name: string;
  /** The literal as written. */
  text: string;
  type: 'int' | 'float' | 'str' | 'bool' | 'none';
}

export interface IStatement {
  /** The lezer node name (`ImportStatement`, `FunctionDefinition`, ...). */
  type: string;
  from: number;
  to: number;
  /** 0-based physical lines. */
  firstLine: number;
  lastLine: number;
  /** Nothing but this statement (and comments) on its lines. */
  alone: boolean;
  imported: IImport | null;
  literal: ILiteral | null;
  /** For def/class (decorated or not): the name it binds. */
  defines: string | null;
}

export interface IParsedCode {
  statements: IStatement[];
  syntaxError: ISyntaxProblem | null;
}

export function parseCode(code: string): IParsedCode {
  const tree = parsePython(code);
  const starts = lineStarts(code);
  const lineAt = (offset: number): number => lineOf(starts, offset);
  const statements: IStatement[] = [];
  const top = tree.topNode;
  for (let node = top.firstChild; node; node = node.nextSibling) {
    if (node.type.isError || node.name === 'Comment') {
      continue;
    }
    const firstLine = lineAt(node.from);
    const lastLine = lineAt(Math.max(node.from, node.to - 1));
    const before = code.slice(starts[firstLine], node.from);
    const lineEnd =
      lastLine + 1 < starts.length ? starts[lastLine + 1] - 1 : code.length;
    const after = code.slice(node.to, lineEnd);
    statements.push({
      type: node.name,
      from: node.from,
      to: node.to,
      firstLine,
      lastLine,
      alone: before.trim() === '' && /^\s*(#.*)?$/.test(after),
      imported:
        node.name === 'ImportStatement' ? Private.importOf(node, code) : null,
      literal:
        node.name === 'AssignStatement' ? Private.literalOf(node, code) : null,
      defines: Private.definedName(node, code)
    });
  }
  return {
    statements,
    syntaxError: syntaxProblem(tree, code, 'script') ?? null
  };
}

/** The names an import binds in the namespace; `*` for a star import. */
export function importBindings(imported: IImport): string[] {
  return imported.names.map(({ name, asname }) => {
    if (asname) {
      return asname;
    }
    return imported.module === null ? name.split('.')[0] : name;
  });
}

/** The canonical text of an import, one statement, de-duplicated names in order. */
export function importText(imported: IImport): string {
  const names = imported.names.map(({ name, asname }) =>
    asname ? `${name} as ${asname}` : name
  );
  if (imported.module === null) {
    return names.map(name => `import ${name}`).join('\n');
  }
  return `from ${imported.module} import ${names.join(', ')}`;
}

namespace Private {
  export function importOf(node: SyntaxNode, code: string): IImport {
    let module: string | null = null;
    const names: IImportName[] = [];
    let part = '';
    let afterAs = false;
    let inNames = false;
    const flush = (): void => {
      if (part) {
        names.push({ name: part, asname: null });
      }
      part = '';
    };
    for (let child = node.firstChild; child; child = child.nextSibling) {
      const text = code.slice(child.from, child.to);
      if (child.name === 'from') {
        module = '';
      } else if (child.name === 'import') {
        inNames = true;
      } else if (!inNames) {
        module = (module ?? '') + text;
      } else if (child.name === 'as') {
        afterAs = true;
      } else if (child.name === ',') {
        flush();
      } else if (afterAs) {
        // `part` was flushed by nothing yet: the alias belongs to it.
        names.push({ name: part, asname: text });
        part = '';
        afterAs = false;
      } else if (
        child.name === 'VariableName' ||
        child.name === '.' ||
        text === '*'
      ) {
        part += text;
      }
    }
    flush();
    return { module, names };
  }

  export function literalOf(node: SyntaxNode, code: string): ILiteral | null {
    const parts: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name !== 'TypeDef') {
        parts.push(child);
      }
    }
    if (
      parts.length !== 3 ||
      parts[0].name !== 'VariableName' ||
      parts[1].name !== 'AssignOp'
    ) {
      return null;
    }
    if (code.slice(parts[1].from, parts[1].to) !== '=') {
      return null;
    }
    const value = parts[2];
    const text = code.slice(value.from, value.to);
    const type = literalType(value, text);
    return type
      ? { name: code.slice(parts[0].from, parts[0].to), text, type }
      : null;
  }

  export function literalType(
    value: SyntaxNode,
    text: string
  ): ILiteral['type'] | null {
    switch (value.name) {
      case 'Boolean':
        return 'bool';
      case 'None':
        return 'none';
      case 'String':
        // Bytes are not a command-line type.
        return /^[rRuU]*['"]/.test(text) ? 'str' : null;
      case 'Number':
        return numberType(text);
      case 'UnaryExpression': {
        const operand = value.lastChild;
        const sign = value.firstChild;
        if (
          operand &&
          sign &&
          operand.name === 'Number' &&
          (text.startsWith('-') || text.startsWith('+'))
        ) {
          return numberType(text.slice(1).trim());
        }
        return null;
      }
      default:
        return null;
    }
  }

  export function numberType(text: string): ILiteral['type'] | null {
    if (/[jJ]$/.test(text)) {
      return null;
    }
    if (/^0[xXoObB]/.test(text) || /^[\d_]+$/.test(text)) {
      return 'int';
    }
    return 'float';
  }

  export function definedName(node: SyntaxNode, code: string): string | null {
    let target: SyntaxNode | null = node;
    if (node.name === 'DecoratedStatement') {
      target = node.lastChild;
    }
    if (
      !target ||
      (target.name !== 'FunctionDefinition' &&
        target.name !== 'ClassDefinition')
    ) {
      return null;
    }
    const name = target.getChild('VariableName');
    return name ? code.slice(name.from, name.to) : null;
  }
}
