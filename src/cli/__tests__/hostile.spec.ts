/**
 * Hostile input (issue 17): notebooks, logs and output paths crafted by whoever shared the
 * notebook. The CLI must lose no data, never block or read without bound, keep the terminal
 * safe, and say in words, naming the file, what is wrong. Runs the real launcher.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { MAX_LISTED, MAX_MESSAGE_LENGTH } from '../terminal';
import { MAX_LOG_BYTES, MAX_NOTEBOOK_BYTES, readText } from '../files';
import {
  expectOneLineError,
  IRun,
  notebookJSON,
  prepareCli,
  spawnNbfresh,
  spawnWithin,
  tmp,
  write
} from './run';

prepareCli();

const NOTEBOOK = notebookJSON([
  { id: 'a', source: 'x = 1', count: 1 },
  { id: 'b', source: 'print(x)', count: 2 }
]);

/** Characters that drive a terminal or reorder what it shows. */
const UNSAFE = new RegExp(
  // eslint-disable-next-line no-control-regex
  '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]'
);

/** Nothing a notebook wrote reaches the terminal raw (newlines end lines, nothing else). */
function expectSafe(run: IRun): void {
  expect(run.stdout).not.toMatch(UNSAFE);
  expect(run.stderr).not.toMatch(UNSAFE);
}

function log(executions: unknown[]): string {
  return JSON.stringify({ format: 'nbfresh-log', version: 1, executions });
}

function record(cellId: string, source: string, executionCount: number) {
  return { cellId, source, executionCount, kernelSession: 'k1', status: 'ok' };
}

const posix = process.platform !== 'win32';

describe('-o never names an input', () => {
  const nb = write('same/nb.ipynb', NOTEBOOK);

  it.each([
    ['the same path', () => nb],
    [
      'another spelling of it',
      () => path.join(tmp, 'same', '..', 'same', 'nb.ipynb')
    ],
    [
      'a symbolic link to it',
      () => {
        const link = path.join(tmp, 'same', 'link.ipynb');
        fs.rmSync(link, { force: true });
        fs.symlinkSync(nb, link);
        return link;
      }
    ],
    [
      'a hard link to it',
      () => {
        const hard = path.join(tmp, 'same', 'hard.ipynb');
        fs.rmSync(hard, { force: true });
        fs.linkSync(nb, hard);
        return hard;
      }
    ]
  ])('refuses %s, even with --force', (_, output) => {
    const target = output();
    for (const force of [[], ['--force']]) {
      expectOneLineError(
        spawnNbfresh('export', nb, '-o', target, ...force),
        'not overwritten',
        'an input of this export'
      );
      expect(fs.readFileSync(nb, 'utf8')).toBe(NOTEBOOK);
    }
  });

  it('refuses the execution log of an as-run export', () => {
    const logText = log([record('a', 'x = 1', 1)]);
    const logFile = write('same/log.json', logText);
    expectOneLineError(
      spawnNbfresh(
        'export',
        nb,
        '--format',
        'as-run',
        '--history',
        logFile,
        '-o',
        logFile,
        '--force'
      ),
      'an input of this export'
    );
    expect(fs.readFileSync(logFile, 'utf8')).toBe(logText);
  });
});

describe('only regular files, never blocking, never unbounded', () => {
  const nb = write('files/nb.ipynb', NOTEBOOK);

  (posix ? it : it.skip)(
    'refuses a FIFO as notebook, log and output, without waiting on it',
    () => {
      const fifo = path.join(tmp, 'files', 'fifo');
      execFileSync('mkfifo', [fifo]);
      // A run that blocked on the FIFO would be killed after 15 s and fail the test.
      expectOneLineError(spawnWithin(15000, 'check', fifo), fifo, 'named pipe');
      expectOneLineError(
        spawnWithin(15000, 'plan', nb, '--history', fifo),
        fifo,
        'named pipe'
      );
      expectOneLineError(
        spawnWithin(15000, 'export', nb, '-o', fifo, '--force'),
        fifo,
        'named pipe'
      );
    }
  );

  (posix ? it : it.skip)(
    'refuses /dev/zero as notebook, log and output target',
    () => {
      expectOneLineError(
        spawnWithin(15000, 'check', '/dev/zero'),
        '/dev/zero: is a device, not a regular file'
      );
      expectOneLineError(
        spawnWithin(15000, 'plan', nb, '--history', '/dev/zero'),
        '/dev/zero: is a device'
      );
      expectOneLineError(
        spawnWithin(15000, 'export', nb, '-o', '/dev/zero'),
        '/dev/zero: is a device'
      );
    }
  );

  (posix ? it : it.skip)(
    'writes to /dev/null, which discards the export on purpose',
    () => {
      expect(spawnNbfresh('export', nb, '-o', '/dev/null')).toEqual({
        code: 0,
        stdout: '',
        stderr: ''
      });
    }
  );

  it('refuses a dangling symbolic link as output, creating nothing', () => {
    const where = path.join(tmp, 'files', 'nowhere.py');
    const link = path.join(tmp, 'files', 'dangling.py');
    fs.symlinkSync(where, link);
    for (const force of [[], ['--force']]) {
      expectOneLineError(
        spawnNbfresh('export', nb, '-o', link, ...force),
        link,
        'symbolic link that leads to no file'
      );
    }
    expect(fs.existsSync(where)).toBe(false);
  });

  it('says what is wrong with an empty -o', () => {
    expectOneLineError(
      spawnNbfresh('export', nb, '-o', ''),
      '-o needs a file name, not an empty one'
    );
  });

  it('refuses a notebook and a log above their caps before reading them', () => {
    // Sparse files: the size is what counts, and it is checked before reading.
    const big = write('files/big.ipynb', '');
    fs.truncateSync(big, MAX_NOTEBOOK_BYTES + 1);
    expectOneLineError(spawnNbfresh('check', big), big, 'larger than 256 MiB');
    const bigLog = write('files/big.json', '');
    fs.truncateSync(bigLog, MAX_LOG_BYTES + 1);
    expectOneLineError(
      spawnNbfresh('plan', nb, '--history', bigLog),
      bigLog,
      'larger than 512 MiB'
    );
  });

  (process.platform === 'linux' ? it : it.skip)(
    'bounds the read itself, whatever size the file says it has',
    () => {
      // procfs files say they are empty and are not.
      expect(fs.statSync('/proc/self/status').size).toBe(0);
      expect(readText('/proc/self/status', 1 << 20)).toContain('Name:');
      expect(() => readText('/proc/self/status', 1000)).toThrow(
        'is larger than 1000 bytes (more than its stated size)'
      );
    }
  );

  it('reads only the first line of an existing output to check its header', () => {
    // An export header followed by a line too long to read whole: replaced as an export.
    const out = write('files/out.py', '');
    const header = spawnNbfresh('export', nb).stdout.split('\n')[0];
    fs.writeFileSync(out, `${header}\n`);
    fs.truncateSync(out, 3 * 1024 ** 3);
    expect(spawnNbfresh('export', nb, '-o', out).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toBe(header);
  });

  it('still never replaces a foreign file without --force', () => {
    const mine = write('files/mine.py', 'print("mine")\n');
    expectOneLineError(
      spawnNbfresh('export', nb, '-o', mine),
      'not written by an export'
    );
    expect(fs.readFileSync(mine, 'utf8')).toBe('print("mine")\n');
  });
});

describe('the terminal stays safe', () => {
  const ESCAPE = '\u001b]0;owned\u0007\u001b[2J\r';

  it('escapes cell ids in plan output and the language in notes', () => {
    const evil = `a${ESCAPE}\nnbfresh: all clean\u202e`;
    const nb = write(
      'terminal/ids.ipynb',
      notebookJSON(
        [
          { id: evil, source: 'x = 1', count: 1 },
          { id: 'b', source: 'print(x)', count: 2 }
        ],
        {
          kernelspec: {
            name: 'k',
            language: `python${ESCAPE}`,
            display_name: 'K'
          }
        }
      )
    );
    const logFile = write(
      'terminal/log.json',
      log([record(evil, 'x = 0', 1), record('b', 'print(x)', 2)])
    );
    const plan = spawnNbfresh('plan', nb, '--history', logFile);
    expect(plan.code).toBe(1);
    expectSafe(plan);
    expect(plan.stdout).toContain(
      '[1] (a\\x1b]0;owned\\x07\\x1b[2J\\r\\nnbfresh: all clean\\u202e)'
    );
    expect(plan.stderr).toContain('"python\\x1b]0;owned\\x07\\x1b[2j\\r"');
    for (const command of [
      ['check', nb],
      ['check', nb, '--json'],
      ['plan', nb, '--history', logFile, '--json'],
      ['export', nb]
    ]) {
      expectSafe(spawnNbfresh(...command));
    }
    // JSON output stays the same JSON value.
    const json = spawnNbfresh('plan', nb, '--history', logFile, '--json');
    expect(JSON.parse(json.stdout).cells[0].cellId).toBe(evil);
  });

  it('escapes quoted snippets of invalid JSON and file names', () => {
    // Node quotes the text around an unexpected token.
    const bad = write('terminal/bad.ipynb', `x${ESCAPE}`);
    const run = spawnNbfresh('check', bad);
    expectOneLineError(run, bad, 'invalid JSON', '\\x1b[2J');
    expectSafe(run);
    const badLog = write('terminal/bad.json', `${ESCAPE}[]`);
    const nb = write('terminal/nb.ipynb', NOTEBOOK);
    const logRun = spawnNbfresh('plan', nb, '--history', badLog);
    expectOneLineError(logRun, 'bad execution log', 'invalid JSON');
    expectSafe(logRun);
    const named = spawnNbfresh('check', path.join(tmp, `gone${ESCAPE}.ipynb`));
    expectOneLineError(named, 'gone\\x1b]0;owned', 'no such file');
    expectSafe(named);
  });

  it('cuts a list of 100,000 names with a count', () => {
    const names = Array.from({ length: 100000 }, (_, i) => `n${i}`);
    const nb = write(
      'terminal/names.ipynb',
      notebookJSON([
        { id: 'a', source: `print(${names.join(', ')})`, count: 1 }
      ])
    );
    const run = spawnNbfresh('export', nb);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].length).toBeLessThan(MAX_MESSAGE_LENGTH + 100);
    expect(lines[0]).toContain(
      `\`n${MAX_LISTED - 1}\` and ${100000 - MAX_LISTED} more`
    );
  });
});

describe('messages say what is wrong, naming the file', () => {
  const nb = JSON.parse(NOTEBOOK);

  it.each([
    ['UTF-16 with a byte-order mark', 'utf16le', true, 'UTF-16LE'],
    ['UTF-16 without one', 'utf16le', false, 'UTF-16LE']
  ] as const)('refuses %s', (_, encoding, bom, name) => {
    const text = (bom ? '\ufeff' : '') + NOTEBOOK;
    const file = write('words/utf16.ipynb', Buffer.from(text, encoding));
    expectOneLineError(
      spawnNbfresh('check', file),
      file,
      `is ${name} text, not UTF-8`
    );
  });

  it('refuses UTF-32 and bytes that are not UTF-8, and reads UTF-8 with a BOM', () => {
    const utf32 = Buffer.alloc(4 * NOTEBOOK.length);
    [...NOTEBOOK].forEach((char, i) =>
      utf32.writeUInt32BE(char.codePointAt(0) ?? 0, 4 * i)
    );
    const file32 = write('words/utf32.ipynb', utf32);
    expectOneLineError(spawnNbfresh('check', file32), file32, 'UTF-32BE');
    const latin = write(
      'words/latin1.ipynb',
      Buffer.from('{"a": "\xe9"}', 'latin1')
    );
    expectOneLineError(spawnNbfresh('check', latin), latin, 'not UTF-8 text');
    const bom = write('words/bom.ipynb', '\ufeff' + NOTEBOOK);
    expect(spawnNbfresh('check', bom).code).toBe(0);
  });

  it.each([
    ['no cell_type', {}, 'cell 2 has no "cell_type"'],
    ['a number', { cell_type: 42 }, 'cell 2 has an unknown "cell_type" 42']
  ])('names a cell with %s', (_, change, message) => {
    const cells = [
      nb.cells[0],
      { ...nb.cells[1], cell_type: undefined, ...change }
    ];
    const file = write('words/type.ipynb', JSON.stringify({ ...nb, cells }));
    expectOneLineError(
      spawnNbfresh('check', file),
      `${file}: ${message}`,
      'it must be "code", "markdown" or "raw"'
    );
  });
});

describe('duplicate cell ids', () => {
  it('are made unique, so gather and findings name the right cell', () => {
    const file = write(
      'ids/dup.ipynb',
      notebookJSON([
        { id: 'a-2', source: 'x = 1', count: 1 },
        { id: 'a', source: 'y = 2', count: 3 },
        { id: 'a', source: 'z = y + 3', count: 2 }
      ])
    );
    const gather = spawnNbfresh(
      'export',
      file,
      '--format',
      'gather',
      '--cell',
      'a-2'
    );
    expect(gather.code).toBe(0);
    expect(gather.stdout).toContain('x = 1');
    expect(gather.stdout).not.toContain('z = y + 3');
    const check = spawnNbfresh('check', file, '--json');
    expect(JSON.parse(check.stdout)[0].findings).toEqual([
      expect.objectContaining({ cell: 3, cellId: 'a-3', kind: 'out-of-order' })
    ]);
  });
});

describe('what already held', () => {
  const nb = write('held/nb.ipynb', NOTEBOOK);

  it('reads __proto__ keys as plain data', () => {
    const text = NOTEBOOK.replace(
      '"metadata":{',
      '"metadata":{"__proto__":{"polluted":true},"fresh":{"__proto__":{"x":1},"cells":{"__proto__":{"executedHash":"h"}}},'
    );
    const file = write('held/proto.ipynb', text);
    const run = spawnNbfresh('check', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  const SLOW = 120000;

  it(
    'checks a 5 MB cell',
    () => {
      const big = `x = "${'a'.repeat(5 * 1024 * 1024)}"`;
      const file = write(
        'held/big.ipynb',
        notebookJSON([
          { id: 'a', source: big, count: 1 },
          { id: 'b', source: 'print(x)', count: 2 }
        ])
      );
      expect(spawnWithin(SLOW, 'check', file)).toEqual({
        code: 0,
        stdout: '',
        stderr: ''
      });
    },
    SLOW
  );

  it('reads metadata nested 100,000 levels deep', () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const file = write(
      'held/deep.ipynb',
      NOTEBOOK.replace('"metadata":{', `"metadata":{"deep":${deep},`)
    );
    expect(spawnNbfresh('check', file)).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    });
  });

  it(
    'names the bad record of a million-entry log in one line',
    () => {
      const records = Array.from({ length: 1000000 }, (_, i) =>
        i === 999999 ? { cellId: 'a' } : record('a', 'x = 1', 1)
      );
      const logFile = write('held/million.json', log(records));
      expectOneLineError(
        spawnWithin(SLOW, 'plan', nb, '--history', logFile),
        logFile,
        'executions[999999].source must be a string'
      );
    },
    SLOW
  );
});
