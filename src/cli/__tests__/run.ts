/**
 * Running `nbfresh` in tests: in-process through `main`, or the real launcher as users and
 * pre-commit do, in a temporary folder per spec file.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { main } from '../main';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'nbfresh.js');

/** The spec file's temporary folder (removed after it by `prepareCli`). */
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nbfresh-'));

/** Builds the CLI that the launcher runs before the tests, and removes `tmp` after them. */
export function prepareCli(): void {
  beforeAll(() => {
    // Incremental: quick when up to date.
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'],
      { cwd: ROOT, stdio: 'pipe' }
    );
  }, 180000);
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
}

export interface IRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with captured streams. */
export async function nbfresh(...argv: string[]): Promise<IRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: text => (stdout += text),
    err: text => (stderr += text)
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real launcher in `tmp`. A run that has not ended after `timeout` ms is killed and
 * fails the test: the CLI must never wait on its input.
 */
export function spawnNbfresh(...argv: string[]): IRun {
  return spawnWithin(30000, ...argv);
}

export function spawnWithin(timeout: number, ...argv: string[]): IRun {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: tmp,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.error) {
    throw new Error(
      `nbfresh ${argv.join(' ')} did not end: ${result.error.message}`
    );
  }
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr
  };
}

export interface ICellSpec {
  id: string;
  source: string;
  count?: number | null;
  type?: 'code' | 'markdown';
  tags?: string[];
}

export function notebookJSON(
  cells: ICellSpec[],
  metadata: Record<string, unknown> = {}
): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        language: 'python',
        display_name: 'Python 3'
      },
      ...metadata
    },
    cells: cells.map(cell =>
      (cell.type ?? 'code') === 'code'
        ? {
            id: cell.id,
            cell_type: 'code',
            metadata: { tags: cell.tags ?? [] },
            execution_count: cell.count ?? null,
            outputs: [],
            source: cell.source
          }
        : {
            id: cell.id,
            cell_type: 'markdown',
            metadata: {},
            source: cell.source
          }
    )
  });
}

/** Writes a file in `tmp` and returns its path. */
export function write(name: string, text: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The contract for bad input: exit 2, nothing on stdout, exactly one line on stderr. */
export function expectOneLineError(run: IRun, ...fragments: string[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(line => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^nbfresh: error: /);
  for (const fragment of fragments) {
    expect(lines[0]).toContain(fragment);
  }
}
