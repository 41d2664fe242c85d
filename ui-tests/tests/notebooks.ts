/** Notebooks the specs upload: cells get the ids c1, c2, ... and no outputs. */

export interface IKernelSpec {
  name: string;
  display_name: string;
  language: string;
}

export const PYTHON: IKernelSpec = {
  name: 'python3',
  display_name: 'Python 3',
  language: 'python'
};

/** A code cell's source, or a cell of either type. */
export type CellSpec = string | { type: 'code' | 'markdown'; source: string };

export function notebookJSON(
  cells: CellSpec[],
  options: { kernel?: IKernelSpec; fresh?: unknown } = {}
): string {
  const kernel = options.kernel ?? PYTHON;
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: kernel,
      language_info: { name: kernel.language },
      ...(options.fresh === undefined ? {} : { fresh: options.fresh })
    },
    cells: cells.map((cell, i) => {
      const { type, source } =
        typeof cell === 'string' ? { type: 'code', source: cell } : cell;
      const id = `c${i + 1}`;
      return type === 'markdown'
        ? { id, cell_type: 'markdown', metadata: {}, source }
        : {
            id,
            cell_type: 'code',
            metadata: {},
            source,
            outputs: [],
            execution_count: null
          };
    })
  });
}
