/**
 * The execution log file of `nbfresh plan --history` (DESIGN.md, "Execution log file and plan
 * output"), validated field by field: the first problem becomes one line naming the field.
 */
import { isObject } from '../core/notebook';
import {
  ExecutionStatus,
  IExecutionLogFile,
  IExecutionRecord
} from '../core/types';
import { CliError } from './args';
import { MAX_LOG_BYTES, readText } from './files';

const STATUSES: readonly ExecutionStatus[] = ['ok', 'error', 'aborted'];

/** Reads and validates a log file. */
export function readExecutionLog(path: string): IExecutionLogFile {
  const text = readText(path, MAX_LOG_BYTES);
  try {
    return parseExecutionLog(text);
  } catch (reason) {
    if (reason instanceof CliError) {
      throw new CliError(`${path}: bad execution log: ${reason.message}`);
    }
    throw reason;
  }
}

/** Parses the text of a log; throws CliError saying what is wrong. */
export function parseExecutionLog(text: string): IExecutionLogFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (reason) {
    throw new CliError(`invalid JSON (${(reason as Error).message})`);
  }
  if (!isObject(data)) {
    throw new CliError('the top level is not an object');
  }
  if (data.format !== 'nbfresh-log') {
    throw new CliError(
      `"format" must be "nbfresh-log" (got ${describe(data.format)})`
    );
  }
  if (data.version !== 1) {
    throw new CliError(
      `"version" must be 1, the only version this nbfresh reads (got ${describe(data.version)})`
    );
  }
  if (!Array.isArray(data.executions)) {
    throw new CliError(
      `"executions" must be a list (got ${describe(data.executions)})`
    );
  }
  return {
    format: 'nbfresh-log',
    version: 1,
    executions: data.executions.map((raw, i) =>
      readRecord(raw, `executions[${i}]`)
    )
  };
}

function readRecord(raw: unknown, where: string): IExecutionRecord {
  if (!isObject(raw)) {
    throw new CliError(`${where} is not an object`);
  }
  const fail = (field: string, expected: string) =>
    new CliError(
      `${where}.${field} must be ${expected} (got ${describe(raw[field])})`
    );
  const { cellId, source, executionCount, kernelSession, status } = raw;
  if (typeof cellId !== 'string' || cellId === '') {
    throw fail('cellId', 'a non-empty string');
  }
  if (typeof source !== 'string') {
    throw fail('source', 'a string');
  }
  if (
    executionCount !== null &&
    !(typeof executionCount === 'number' && Number.isInteger(executionCount))
  ) {
    throw fail('executionCount', 'an integer or null');
  }
  if (typeof kernelSession !== 'string' || kernelSession === '') {
    throw fail('kernelSession', 'a non-empty string');
  }
  const knownStatus = STATUSES.find(s => s === status);
  if (!knownStatus) {
    throw fail('status', '"ok", "error" or "aborted"');
  }
  const record: IExecutionRecord = {
    cellId,
    source,
    executionCount,
    kernelSession,
    status: knownStatus
  };
  for (const field of ['startedAt', 'finishedAt'] as const) {
    const value = raw[field];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw fail(field, 'an ISO 8601 date-time string');
    }
    record[field] = value;
  }
  return record;
}

/** A short rendering of an unexpected value for an error line. */
function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
