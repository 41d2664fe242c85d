/**
 * File access for the CLI: every failure becomes a CliError with one line naming the file.
 *
 * Inputs come from anyone: only regular files are read (a FIFO would block, a device never
 * ends), and never more than a cap, checked before reading and enforced while reading.
 */
import * as fs from 'fs';
import * as os from 'os';

import {
  IParsedNotebook,
  isObject,
  NotebookFormatError,
  parseNotebook
} from '../core/notebook';
import { CliError } from './args';

const MIB = 1024 * 1024;
/** Far above any real notebook (JupyterLab itself struggles past a few hundred MiB). */
export const MAX_NOTEBOOK_BYTES = 256 * MIB;
/** A log of 5,000 executions of 100 KB cells is 500 MB. */
export const MAX_LOG_BYTES = 512 * MIB;

/**
 * Opening a FIFO for reading blocks until a writer comes, unless non-blocking; the flag does
 * nothing to regular files. Windows has no FIFOs and no such flag.
 */
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Reads a UTF-8 text file of at most `maxBytes` (a byte-order mark is dropped). */
export function readText(path: string, maxBytes: number): string {
  return decode(path, readBytes(path, maxBytes));
}

/** Reads and parses an `.ipynb` file. */
export function readNotebook(path: string): IParsedNotebook {
  const text = readText(path, MAX_NOTEBOOK_BYTES);
  try {
    return parseNotebook(text);
  } catch (reason) {
    if (reason instanceof NotebookFormatError) {
      throw new CliError(`${path}: ${reason.message}`);
    }
    throw reason;
  }
}

/** The identity of an existing file: the same file under any name, link or letter case. */
export interface IFileIdentity {
  realPath: string;
  dev: number;
  ino: number;
}

export function fileIdentity(path: string): IFileIdentity | null {
  try {
    const stat = fs.statSync(path);
    return { realPath: fs.realpathSync(path), dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

export function sameFile(a: IFileIdentity, b: IFileIdentity): boolean {
  return a.realPath === b.realPath || (a.dev === b.dev && a.ino === b.ino);
}

/** What is at an output path before it is written. */
export type OutputTarget =
  | { kind: 'absent' }
  | { kind: 'discard' }
  | { kind: 'file'; identity: IFileIdentity; firstLine: string };

/**
 * What is at an output path. A dangling symbolic link is refused (writing would create a file
 * wherever it points), so is anything but a regular file, except the null device, where
 * writing is harmless and asked for on purpose.
 */
export function inspectOutput(path: string): OutputTarget {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(path);
  } catch (reason) {
    if (systemCode(reason) === 'ENOENT') {
      return { kind: 'absent' };
    }
    throw new CliError(
      `${path}: ${describeSystemError(reason, 'cannot look at it')}`
    );
  }
  const identity = fileIdentity(path);
  if (identity === null) {
    throw new CliError(
      link.isSymbolicLink()
        ? `${path}: is a symbolic link that leads to no file, so it is not written`
        : `${path}: cannot look at it`
    );
  }
  const nullDevice = fileIdentity(os.devNull);
  if (nullDevice !== null && sameFile(identity, nullDevice)) {
    return { kind: 'discard' };
  }
  const fd = openRegular(path, fs.constants.O_RDONLY, 'not written');
  try {
    return { kind: 'file', identity, firstLine: readFirstLine(fd) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `text` into a regular file (created if absent) or into the null device. */
export function writeText(path: string, text: string): void {
  const { O_WRONLY, O_CREAT, O_TRUNC } = fs.constants;
  // Checked again here: the path may have changed since `inspectOutput`.
  const target = inspectOutput(path);
  const fd =
    target.kind === 'discard'
      ? openOrFail(path, O_WRONLY, 'cannot write it')
      : openRegular(path, O_WRONLY | O_CREAT | O_TRUNC, 'not written');
  try {
    fs.writeFileSync(fd, text, 'utf8');
  } catch (reason) {
    throw new CliError(
      `${path}: ${describeSystemError(reason, 'cannot write it')}`
    );
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of a regular file, refused above `maxBytes` (before reading when it says so). */
function readBytes(path: string, maxBytes: number): Buffer {
  const fd = openRegular(path, fs.constants.O_RDONLY, 'not read');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) {
      throw tooLarge(path, maxBytes, `${mib(size)}`);
    }
    // Read to the end, not to `size`: a file may grow, or say 0 (procfs). One byte more than
    // allowed tells a file that went past the cap.
    let buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) {
          throw tooLarge(path, maxBytes, 'more than its stated size');
        }
        const larger = Buffer.alloc(Math.min(2 * length + 1, maxBytes + 1));
        buffer.copy(larger);
        buffer = larger;
      }
      const read = fs.readSync(
        fd,
        buffer,
        length,
        buffer.length - length,
        null
      );
      if (read === 0) {
        break;
      }
      length += read;
    }
    return buffer.subarray(0, length);
  } catch (reason) {
    if (reason instanceof CliError) {
      throw reason;
    }
    throw new CliError(
      `${path}: ${describeSystemError(reason, 'cannot read it')}`
    );
  } finally {
    fs.closeSync(fd);
  }
}

/** Enough for the export header and its notebook name; a longer line is not a header. */
const FIRST_LINE_BYTES = 4096;

function readFirstLine(fd: number): string {
  const buffer = Buffer.alloc(FIRST_LINE_BYTES);
  const length = fs.readSync(fd, buffer, 0, FIRST_LINE_BYTES, 0);
  const text = buffer.subarray(0, length).toString('utf8');
  return text.split('\n', 1)[0];
}

/** Opens `path` without blocking, and refuses anything but a regular file. */
function openRegular(path: string, flags: number, refusal: string): number {
  const fd = openOrFail(path, flags | NONBLOCK, 'cannot open it');
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new CliError(
      `${path}: is ${kindOf(stat)}, not a regular file, so it is ${refusal}`
    );
  }
  return fd;
}

function openOrFail(path: string, flags: number, fallback: string): number {
  try {
    return fs.openSync(path, flags, 0o666);
  } catch (reason) {
    throw new CliError(`${path}: ${describeSystemError(reason, fallback)}`);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) {
    return 'a directory';
  }
  if (stat.isFIFO()) {
    return 'a named pipe (FIFO)';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'a device';
  }
  if (stat.isSocket()) {
    return 'a socket';
  }
  return 'not a file';
}

function tooLarge(path: string, maxBytes: number, size: string): CliError {
  return new CliError(
    `${path}: is larger than ${mib(maxBytes)} (${size}), so it is not read`
  );
}

function mib(bytes: number): string {
  return bytes < MIB ? `${bytes} bytes` : `${Math.ceil(bytes / MIB)} MiB`;
}

/**
 * UTF-8 text, or a CliError saying which encoding the file is in: JSON in UTF-16 or UTF-32
 * would otherwise show as garbled bytes in the message.
 */
function decode(path: string, bytes: Buffer): string {
  const encoding = otherEncoding(bytes);
  if (encoding !== null) {
    throw new CliError(
      `${path}: is ${encoding} text, not UTF-8, so it is not read; notebooks and logs are UTF-8 (convert it, for instance with "iconv -f ${encoding.split(' ')[0]} -t UTF-8")`
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path}: is not UTF-8 text, so it is not read`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The encoding of a file that starts with a byte-order mark other than UTF-8's, or whose first
 * character has the zero bytes of UTF-16 or UTF-32 (JSON starts with an ASCII character).
 */
function otherEncoding(bytes: Buffer): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe) {
    return c === 0 && d === 0 ? 'UTF-32LE' : 'UTF-16LE';
  }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) {
    return 'UTF-32BE';
  }
  if (a === 0xfe && b === 0xff) {
    return 'UTF-16BE';
  }
  if (bytes.length >= 4 && a !== 0 && b === 0 && c === 0 && d === 0) {
    return 'UTF-32LE';
  }
  if (bytes.length >= 4 && a === 0 && b === 0 && c === 0 && d !== 0) {
    return 'UTF-32BE';
  }
  if (bytes.length >= 2 && a !== 0 && b === 0) {
    return 'UTF-16LE';
  }
  if (bytes.length >= 2 && a === 0 && b !== 0) {
    return 'UTF-16BE';
  }
  return null;
}

function systemCode(reason: unknown): string {
  return isObject(reason) && typeof reason.code === 'string' ? reason.code : '';
}

/** A Node system error as words a person knows. */
function describeSystemError(reason: unknown, fallback: string): string {
  const code = systemCode(reason);
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
    case 'ENXIO':
      return 'nothing is reading from it (a named pipe or a device?)';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}
