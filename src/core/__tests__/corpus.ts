/**
 * The corpus of real notebooks for tests: `../shared/corpus` beside the repository (CI clones
 * the repository elsewhere with `shared` beside it).
 */
import * as fs from 'fs';
import * as path from 'path';

export const CORPUS = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'corpus'
);

/** Every notebook below `folder` (default: the corpus), sorted. */
export function corpusNotebooks(folder: string = CORPUS): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      found.push(...corpusNotebooks(full));
    } else if (entry.name.endsWith('.ipynb')) {
      found.push(full);
    }
  }
  return found.sort();
}
