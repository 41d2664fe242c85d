/**
 * File access for the CLI: every failure becomes a CliError with one line naming the file.
 */
import * as fs from 'fs';

import {
  IParsedNotebook,
  isObject,
  NotebookFormatError,
  parseNotebook
} from '../core/notebook';
import { CliError } from './args';

/** Reads a text file as UTF-8 (a byte-order mark is dropped). */
export function readText(path: string): string {
  let text: string;
  try {
    if (fs.statSync(path).isDirectory()) {
      throw new CliError(`${path}: is a directory, not a file`);
    }
    text = fs.readFileSync(path, 'utf8');
  } catch (reason) {
    if (reason instanceof CliError) {
      throw reason;
    }
    throw new CliError(
      `${path}: ${describeSystemError(reason, 'cannot read it')}`
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads and parses an `.ipynb` file. */
export function readNotebook(path: string): IParsedNotebook {
  const text = readText(path);
  try {
    return parseNotebook(text);
  } catch (reason) {
    if (reason instanceof NotebookFormatError) {
      throw new CliError(`${path}: ${reason.message}`);
    }
    throw reason;
  }
}

/** The text of a file, or null when there is no file there. */
export function readIfExists(path: string): string | null {
  if (!fs.existsSync(path)) {
    return null;
  }
  return readText(path);
}

export function writeText(path: string, text: string): void {
  try {
    fs.writeFileSync(path, text, 'utf8');
  } catch (reason) {
    throw new CliError(
      `${path}: ${describeSystemError(reason, 'cannot write it')}`
    );
  }
}

/** A Node system error as words a person knows. */
function describeSystemError(reason: unknown, fallback: string): string {
  const code =
    isObject(reason) && typeof reason.code === 'string' ? reason.code : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}
