/** Notebooks for the export tests, written as a list of cells. */
import { INotebookCell } from '../../types';

export type CellSpec =
  | string
  | { md: string }
  | { raw: string }
  | { code: string; tags?: string[]; count?: number | null };

/** Cells with ids `c1`, `c2`, ... by 1-based position; a string is a code cell. */
export function notebook(...specs: CellSpec[]): INotebookCell[] {
  return specs.map((spec, i) => {
    const id = `c${i + 1}`;
    if (typeof spec === 'string') {
      return {
        id,
        cellType: 'code',
        source: spec,
        tags: [],
        executionCount: null
      };
    }
    if ('md' in spec) {
      return { id, cellType: 'markdown', source: spec.md, tags: [] };
    }
    if ('raw' in spec) {
      return { id, cellType: 'raw', source: spec.raw, tags: [] };
    }
    return {
      id,
      cellType: 'code',
      source: spec.code,
      tags: spec.tags ?? [],
      executionCount: spec.count ?? null
    };
  });
}

/** The code blocks of a percent-format export, without markers and comments. */
export function codeBlocks(text: string): string[] {
  return text
    .split(/^# %%.*$/m)
    .slice(1)
    .map(block =>
      block
        .split('\n')
        .filter(line => !line.startsWith('#'))
        .join('\n')
        .trim()
    )
    .filter(block => block !== '');
}
