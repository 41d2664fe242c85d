import { Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Files on the test server, and running them with the server's Python. */

/** The text of a file on the server (through the Contents API), or null when there is none. */
export async function readText(
  page: Pick<Page, 'request'>,
  file: string
): Promise<string | null> {
  const response = await page.request.get(
    `/api/contents/${file}?content=1&type=file&format=text`
  );
  return response.ok() ? ((await response.json()).content as string) : null;
}

/** The Python of the test environment (the one that runs the server and the kernel). */
export function python(): string {
  const venv = process.env.VIRTUAL_ENV;
  return venv ? path.join(venv, 'bin', 'python') : 'python3';
}

/** Runs the text as a file in a fresh Python process; its stdout. */
export function runPython(text: string, fileName: string): string {
  const file = test.info().outputPath(fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return execFileSync(python(), [file], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    timeout: 60000
  });
}
