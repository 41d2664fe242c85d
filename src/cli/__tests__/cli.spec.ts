import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { hashSource } from '../../core/hash';
import { main } from '../main';
import {
  BIN,
  expectOneLineError,
  nbfresh,
  notebookJSON,
  prepareCli,
  ROOT,
  spawnNbfresh,
  tmp,
  write
} from './run';

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const DEMO = path.join(ROOT, 'examples', 'demo.ipynb');

prepareCli();

const CLEAN = [
  { id: 'title', source: '# Clean', type: 'markdown' as const },
  { id: 'a', source: 'xs = [1, 2, 3]', count: 1 },
  { id: 'b', source: 'print(sum(xs))', count: 2 }
];

describe('nbfresh, the launcher', () => {
  it('prints the version of the package', () => {
    const version = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')
    ).version;
    const run = spawnNbfresh('--version');
    expect(run).toEqual({
      code: 0,
      stdout: `nbfresh ${version}\n`,
      stderr: ''
    });
  });

  it('exits 0 on a clean notebook, 1 with findings, 2 on a missing file', () => {
    const clean = write('launcher/clean.ipynb', notebookJSON(CLEAN));
    expect(spawnNbfresh('check', clean)).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    });

    const demo = spawnNbfresh('check', DEMO);
    expect(demo.code).toBe(1);
    expect(demo.stdout).toContain(
      `${DEMO}:cell 7: defined-below: reads \`features\``
    );

    expectOneLineError(
      spawnNbfresh('check', 'nowhere.ipynb'),
      'nowhere.ipynb',
      'no such file'
    );
  });

  const full = fs.existsSync('/dev/full');
  (full ? it : it.skip)(
    'fails in one line when it cannot write its output',
    () => {
      const sink = fs.openSync('/dev/full', 'w');
      const result = spawnSync(process.execPath, [BIN, 'check', DEMO], {
        stdio: ['ignore', sink, 'pipe'],
        encoding: 'utf8'
      });
      fs.closeSync(sink);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^nbfresh: error: cannot write the output: ENOSPC[^\n]*\n$/
      );
    }
  );

  it('reports bad usage in one line, without a stack trace', () => {
    expectOneLineError(
      spawnNbfresh('frobnicate'),
      'unknown command "frobnicate"'
    );
    expectOneLineError(spawnNbfresh(), 'no command given');
  });
});

describe('nbfresh --help', () => {
  it('lists the commands', async () => {
    const run = await nbfresh('--help');
    expect(run.code).toBe(0);
    for (const command of ['check', 'export', 'plan']) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    }
  });

  it.each([
    ['check', ['--json']],
    [
      'export',
      [
        '--format',
        '--cell',
        '--output',
        '--magics',
        '--no-markdown',
        '--no-hoist',
        '--drop-display',
        '--skip-tag',
        '--history',
        '--force'
      ]
    ],
    ['plan', ['--history', '--json']]
  ])('describes every option of %s', async (command, options) => {
    const run = await nbfresh(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: nbfresh ${command} `));
    for (const option of options) {
      expect(run.stdout).toContain(option);
    }
  });
});

describe('nbfresh errors', () => {
  it('rejects unknown options and missing values', async () => {
    expectOneLineError(
      await nbfresh('check', '--jsn', DEMO),
      'unknown option --jsn'
    );
    expectOneLineError(
      await nbfresh('--verbose'),
      'unknown option "--verbose"'
    );
    expectOneLineError(
      await nbfresh('plan', DEMO, '--history'),
      '--history needs a value'
    );
    expectOneLineError(await nbfresh('check'), 'at least one notebook');
  });

  it.each([
    ['bad JSON', '{"nbformat": 4, "cells": [', 'invalid JSON'],
    [
      'an old format',
      JSON.stringify({ nbformat: 3, worksheets: [] }),
      'format 3: only nbformat 4'
    ],
    ['no nbformat', JSON.stringify({ cells: [] }), 'no "nbformat"'],
    [
      'cells not a list',
      JSON.stringify({ nbformat: 4, cells: {} }),
      '"cells" is not a list'
    ],
    [
      'a wrong cell type',
      JSON.stringify({
        nbformat: 4,
        cells: [{ cell_type: 'python', source: '' }]
      }),
      'cell 1 has an unknown "cell_type" "python"'
    ],
    [
      'a source of the wrong type',
      JSON.stringify({
        nbformat: 4,
        cells: [{ cell_type: 'code', source: 42 }]
      }),
      'cell 1 has a "source"'
    ],
    ['a JSON list', '[]', 'not an object']
  ])('rejects a notebook with %s in one line', async (_, text, fragment) => {
    const file = write('bad/notebook.ipynb', text);
    expectOneLineError(await nbfresh('check', file), file, fragment);
    expectOneLineError(
      await nbfresh('plan', file, '--history', file),
      file,
      fragment
    );
  });

  it('rejects a missing file and a directory', async () => {
    expectOneLineError(
      await nbfresh('check', path.join(tmp, 'missing.ipynb')),
      'missing.ipynb: no such file'
    );
    expectOneLineError(await nbfresh('check', tmp), `${tmp}: is a directory`);
  });

  const root = process.getuid?.() === 0;
  (root ? it.skip : it)(
    'rejects a file it may not read (not testable as root)',
    async () => {
      const file = write('locked.ipynb', notebookJSON(CLEAN));
      fs.chmodSync(file, 0o000);
      expectOneLineError(
        await nbfresh('check', file),
        file,
        'permission denied'
      );
    }
  );

  it('turns an unexpected failure into one line asking for a report', async () => {
    let stderr = '';
    const code = await main(['--version'], {
      out: () => {
        throw new Error('disk on fire\n  at somewhere');
      },
      err: text => (stderr += text)
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^nbfresh: internal error: disk on fire at somewhere \(.*please report.*\)\n$/
    );
  });
});

describe('nbfresh check', () => {
  const messy = [
    { id: 'md', source: '# Messy', type: 'markdown' as const },
    { id: 'load', source: 'data = [3, 1, 2]', count: 1 },
    { id: 'use', source: 'data.sort()\nprint(data, factor * 2)', count: 4 },
    { id: 'skipped', source: 'extra = 1', count: null },
    // Ran before `use` sorted `data`: top to bottom it reads the sorted list.
    { id: 'factor', source: 'factor = data[0]', count: 3 },
    { id: 'edited', source: 'data2 = data + [5]', count: 5 }
  ];
  const metadata = {
    fresh: { cells: { edited: { executedHash: hashSource('data2 = data') } } }
  };

  it('prints one line per finding, path:cell N: kind: message', async () => {
    const file = write('messy.ipynb', notebookJSON(messy, metadata));
    const run = await nbfresh('check', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(
      lines.map(line => line.replace(/^(.*?:cell \d+: [a-z-]+): .*$/, '$1'))
    ).toEqual([
      `${file}:cell 3: defined-below`,
      `${file}:cell 4: never-run`,
      `${file}:cell 5: out-of-order`,
      `${file}:cell 6: edited`
    ]);
    expect(lines[0]).toBe(
      `${file}:cell 3: defined-below: reads \`factor\`, defined only below, in cell 5`
    );
  });

  it('prints a JSON list of {path, findings} with --json', async () => {
    const file = write('messy.ipynb', notebookJSON(messy, metadata));
    const clean = write('clean.ipynb', notebookJSON(CLEAN));
    const run = await nbfresh('check', '--json', file, clean);
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout);
    expect(reports.map((r: { path: string }) => r.path)).toEqual([file, clean]);
    expect(reports[1].findings).toEqual([]);
    const findings = reports[0].findings;
    expect(findings.map((f: { kind: string }) => f.kind)).toEqual([
      'defined-below',
      'never-run',
      'out-of-order',
      'edited'
    ]);
    expect(findings[0]).toEqual({
      cell: 3,
      cellId: 'use',
      kind: 'defined-below',
      name: 'factor',
      why: {
        kind: 'defined-below',
        name: 'factor',
        via: { kind: 'reads' },
        cell: 4
      },
      message: 'reads `factor`, defined only below, in cell 5'
    });
    for (const finding of findings) {
      expect(Object.keys(finding).sort()).toEqual(
        finding.name
          ? ['cell', 'cellId', 'kind', 'message', 'name', 'why']
          : ['cell', 'cellId', 'kind', 'message', 'why']
      );
    }
  });

  it('exits 0 with no output on clean notebooks', async () => {
    const clean = write('clean.ipynb', notebookJSON(CLEAN));
    expect(await nbfresh('check', clean, clean)).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    });
    expect(
      JSON.parse((await nbfresh('check', clean, '--json')).stdout)
    ).toEqual([{ path: clean, findings: [] }]);
  });

  it('still reports the readable notebooks when one is not, and exits 2', async () => {
    const file = write('messy.ipynb', notebookJSON(messy, metadata));
    const broken = write('broken.ipynb', '{');
    const run = await nbfresh('check', broken, file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${broken}: not a notebook`);
    expect(run.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('checks only execution order in another language, with a note', async () => {
    const file = write(
      'r.ipynb',
      notebookJSON(
        [
          { id: 'a', source: 'x <- undefined_fn()', count: 2 },
          { id: 'b', source: 'print(x)', count: 1 }
        ],
        { kernelspec: { name: 'ir', language: 'R', display_name: 'R' } }
      )
    );
    const run = await nbfresh('check', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${file}:cell 2: out-of-order: execution count 1 is lower than 2 of cell 1 above: it ran before a cell placed above it\n`
    );
    expect(run.stderr).toMatch(
      /^nbfresh: note: .*r\.ipynb: the notebook's language is "r": name checks need Python/
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('finds the known problems of the demo notebook', async () => {
    const run = await nbfresh('check', DEMO, '--json');
    expect(run.code).toBe(1);
    const [report] = JSON.parse(run.stdout);
    expect(
      report.findings.map(
        (f: { cellId: string; kind: string }) => `${f.cellId} ${f.kind}`
      )
    ).toEqual(['clean undefined-name', 'fit defined-below', 'summary edited']);
  });

  it('runs on corpus notebooks through the launcher, flagging order only where counts disagree', () => {
    const rows = fs
      .readFileSync(path.join(CORPUS, 'SOURCES.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map(line => line.split('\t'))
      .filter((_, i) => i % 10 === 0);
    const files = rows.map(([repo, file]) =>
      path.join(CORPUS, repo.replace('/', '__'), file)
    );
    const run = spawnNbfresh('check', '--json', ...files);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const reports: { path: string; findings: { kind: string }[] }[] =
      JSON.parse(run.stdout);
    expect(reports.map(r => r.path)).toEqual(files);
    reports.forEach((report, i) => {
      if (report.findings.some(f => f.kind === 'out-of-order')) {
        expect({ file: report.path, outOfOrder: rows[i][4] }).toEqual({
          file: report.path,
          outOfOrder: 'yes'
        });
      }
    });
  });
});

describe('nbfresh plan', () => {
  // a = 1 ran, then b and c used it; then the first cell was edited to a = 2 and re-run.
  const cells = [
    { id: 'intro', source: '# Plan', type: 'markdown' as const },
    { id: 'c1', source: 'a = 2', count: 4 },
    { id: 'c2', source: 'b = a + 1', count: 2 },
    { id: 'c3', source: 'print(b)', count: 3 }
  ];
  const log = (executions: unknown[]) =>
    JSON.stringify({ format: 'nbfresh-log', version: 1, executions });
  const record = (cellId: string, source: string, executionCount: number) => ({
    cellId,
    source,
    executionCount,
    kernelSession: 'k1',
    status: 'ok'
  });
  const history = [
    record('c1', 'a = 1', 1),
    record('c2', 'b = a + 1', 2),
    record('c3', 'print(b)', 3),
    record('c1', 'a = 2', 4)
  ];

  it('prints exactly the JSON contract, and exits 1 when a cell is flagged', async () => {
    const nb = write('plan/nb.ipynb', notebookJSON(cells));
    const logFile = write('plan/log.json', log(history));
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['cells', 'plan', 'restart']);
    expect(output.restart).toBe(false);
    expect(
      output.cells.map((c: Record<string, unknown>) => Object.keys(c))
    ).toEqual(Array(3).fill(['cellId', 'index', 'flags', 'reasons']));
    expect(
      output.cells.map(
        (c: { cellId: string; index: number; flags: string[] }) => [
          c.cellId,
          c.index,
          c.flags
        ]
      )
    ).toEqual([
      ['c1', 1, []],
      ['c2', 2, ['stale']],
      ['c3', 3, ['stale']]
    ]);
    expect(output.cells[1].reasons.join(' ')).toContain('`a`');
    expect(output.plan).toEqual(['c2', 'c3']);
  });

  it('adds planWarnings when the plan cannot undo an effect', async () => {
    const append = "with open(path, 'a') as f:\n    f.write('row')";
    const nb = write(
      'plan/append.ipynb',
      notebookJSON([
        { id: 'c1', source: "path = 'log.txt'", count: 3 },
        { id: 'c2', source: append, count: 2 }
      ])
    );
    const logFile = write(
      'plan/append.json',
      log([
        record('c1', "path = 'out.txt'", 1),
        record('c2', append, 2),
        record('c1', "path = 'log.txt'", 3)
      ])
    );
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual([
      'cells',
      'plan',
      'restart',
      'planWarnings'
    ]);
    expect(output.plan).toEqual(['c2']);
    expect(output.restart).toBe(false);
    expect(output.planWarnings.join(' ')).toContain(
      'appends to the file in `path`'
    );
    const text = await nbfresh('plan', nb, '--history', logFile);
    expect(text.stdout).toMatch(/^warning: .*appends to the file in `path`/m);
  });

  it('says "restart": true, with one warning, when cells read a deleted definition', async () => {
    // df = [1, 2] ran in a cell since deleted; three cells read it.
    const readers = [
      { id: 'c2', source: 'print(len(df))', count: 2 },
      { id: 'c3', source: 'print(df[0])', count: 3 },
      { id: 'c4', source: 'print(max(df))', count: 4 }
    ];
    const nb = write('plan/deleted.ipynb', notebookJSON(readers));
    const logFile = write(
      'plan/deleted.json',
      log([
        record('c1', 'df = [1, 2]', 1),
        ...readers.map(cell => record(cell.id, cell.source, cell.count))
      ])
    );
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(output.plan).toEqual(['c2', 'c3', 'c4']);
    expect(output.restart).toBe(true);
    expect(output.planWarnings).toEqual([
      '[2], [3] and [4] read `df`, which the kernel still holds but no cell above ' +
        'defines: only a restart clears it, and then the first of them stops with a ' +
        'NameError, as in Restart and Run All.'
    ]);
    const text = await nbfresh('plan', nb, '--history', logFile);
    expect(text.stdout).toContain(
      'plan: restart the kernel, then run [2] (c2), [3] (c3), [4] (c4)\n'
    );
  });

  it('exits 0 with an empty plan when everything ran in order', async () => {
    const nb = write('plan/clean.ipynb', notebookJSON(cells));
    const logFile = write(
      'plan/clean.json',
      log([
        record('c1', 'a = 2', 1),
        record('c2', 'b = a + 1', 2),
        record('c3', 'print(b)', 3)
      ])
    );
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.plan).toEqual([]);
    expect(
      output.cells.every((c: { flags: string[] }) => c.flags.length === 0)
    ).toBe(true);
    const text = await nbfresh('plan', nb, '--history', logFile);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('plan: nothing to run');
  });

  it('prints flags, reasons and the plan as text', async () => {
    const nb = write('plan/nb.ipynb', notebookJSON(cells));
    const logFile = write('plan/log.json', log(history));
    const run = await nbfresh('plan', nb, '--history', logFile);
    expect(run.code).toBe(1);
    // Cells named by the execution counts the file shows, as Jupyter does.
    expect(run.stdout).toMatch(
      /^\[2\] \(c2\): stale — b = a \+ 1\n {2}- reads `a`, which \[4\] /
    );
    expect(run.stdout).toContain('2 of 3 code cells flagged');
    expect(run.stdout).toContain('plan: run [2] (c2), [3] (c3)\n');
  });

  it('plans without dataflow for another language, with a note', async () => {
    const nb = write(
      'plan/r.ipynb',
      notebookJSON(
        [
          { id: 'r1', source: 'x <- 2', count: 2 },
          { id: 'r2', source: 'print(x)', count: 3 }
        ],
        { kernelspec: { name: 'ir', language: 'R', display_name: 'R' } }
      )
    );
    const logFile = write(
      'plan/r.json',
      log([
        record('r1', 'x <- 1', 1),
        record('r2', 'print(x)', 2),
        record('r2', 'print(x)', 3)
      ])
    );
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^nbfresh: note: .*"r": without Python dataflow/
    );
    const output = JSON.parse(run.stdout);
    expect(output.cells.map((c: { flags: string[] }) => c.flags)).toEqual([
      ['edited'],
      []
    ]);
  });

  it('needs exactly one notebook and --history', async () => {
    const nb = write('plan/nb.ipynb', notebookJSON(cells));
    expectOneLineError(await nbfresh('plan', nb), 'needs --history');
    expectOneLineError(
      await nbfresh('plan', '--history', nb),
      'exactly one notebook'
    );
    expectOneLineError(
      await nbfresh('plan', nb, nb, '--history', nb),
      'exactly one notebook'
    );
  });

  it.each([
    ['not JSON', 'nope', 'invalid JSON'],
    ['a list', '[]', 'the top level is not an object'],
    [
      'another format',
      JSON.stringify({ format: 'other', version: 1, executions: [] }),
      '"format" must be "nbfresh-log" (got "other")'
    ],
    [
      'another version',
      JSON.stringify({ format: 'nbfresh-log', version: 2, executions: [] }),
      '"version" must be 1'
    ],
    [
      'no executions',
      JSON.stringify({ format: 'nbfresh-log', version: 1 }),
      '"executions" must be a list (got nothing)'
    ],
    ['a record not an object', log([3]), 'executions[0] is not an object'],
    [
      'an empty cell id',
      log([{ ...record('c1', 'a = 1', 1), cellId: '' }]),
      'executions[0].cellId must be a non-empty string'
    ],
    [
      'a missing source',
      log([{ ...record('c1', 'a = 1', 1), source: undefined }]),
      'executions[0].source must be a string (got nothing)'
    ],
    [
      'a text count',
      log([
        record('c1', 'a = 1', 1),
        { ...record('c2', 'b', 1), executionCount: '2' }
      ]),
      'executions[1].executionCount must be an integer or null (got "2")'
    ],
    [
      'no kernel session',
      log([{ ...record('c1', 'a = 1', 1), kernelSession: 7 }]),
      'executions[0].kernelSession must be a non-empty string (got 7)'
    ],
    [
      'an unknown status',
      log([{ ...record('c1', 'a = 1', 1), status: 'done' }]),
      'executions[0].status must be "ok", "error" or "aborted" (got "done")'
    ],
    [
      'a bad date',
      log([{ ...record('c1', 'a = 1', 1), startedAt: 'yesterday' }]),
      'executions[0].startedAt must be an ISO 8601 date-time string'
    ]
  ])(
    'rejects a log with %s in one line naming the problem',
    async (_, text, fragment) => {
      const nb = write('plan/nb.ipynb', notebookJSON(cells));
      const logFile = write('plan/bad.json', text);
      expectOneLineError(
        await nbfresh('plan', nb, '--history', logFile),
        `${logFile}: bad execution log: `,
        fragment
      );
    }
  );

  it('accepts null counts and ISO dates, and ignores cells the notebook no longer has', async () => {
    const nb = write('plan/nb.ipynb', notebookJSON(cells));
    const logFile = write(
      'plan/extra.json',
      log([
        {
          ...record('gone', 'import os', 1),
          executionCount: null,
          startedAt: '2025-03-01T10:00:00Z',
          finishedAt: '2025-03-01T10:00:01.5+01:00'
        },
        record('c1', 'a = 2', 2),
        record('c2', 'b = a + 1', 3),
        record('c3', 'print(b)', 4)
      ])
    );
    const run = await nbfresh('plan', nb, '--history', logFile, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(
      JSON.parse(run.stdout).cells.map((c: { cellId: string }) => c.cellId)
    ).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('nbfresh export', () => {
  const HEADER = '# Exported by jupyterlab-fresh from ';
  const cells = [
    { id: 'intro', source: '# Analysis notes', type: 'markdown' as const },
    { id: 'setup', source: '%matplotlib inline\nimport math', count: 1 },
    { id: 'value', source: 'r = 2.0', count: 2 },
    {
      id: 'scratch',
      source: 'print("debugging")',
      count: 3,
      tags: ['fresh-skip']
    },
    { id: 'area', source: 'area = math.pi * r ** 2\nprint(area)', count: 4 },
    { id: 'other', source: 'unrelated = 7', count: 5 }
  ];

  it('prints the clean script to stdout, with the header line', async () => {
    const nb = write('export/shapes.ipynb', notebookJSON(cells));
    const run = await nbfresh('export', nb);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`${HEADER}shapes.ipynb`)).toBe(true);
    expect(run.stdout).toContain('# Analysis notes');
    expect(run.stdout).toContain('# %matplotlib inline');
    expect(run.stdout).toContain('area = math.pi * r ** 2');
    expect(run.stdout).not.toContain('debugging');
  });

  it('passes the options on to the writer', async () => {
    const nb = write('export/shapes.ipynb', notebookJSON(cells));
    const run = await nbfresh(
      'export',
      nb,
      '--no-markdown',
      '--magics',
      'drop',
      '--skip-tag',
      'other-tag'
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Analysis notes');
    expect(run.stdout).not.toContain('matplotlib');
    expect(run.stdout).toContain('print("debugging")');
    const ipython = await nbfresh('export', nb, '--magics=ipython');
    expect(ipython.stdout).toContain(
      "get_ipython().run_line_magic('matplotlib', 'inline')"
    );
  });

  it('gathers only what one cell needs', async () => {
    const nb = write('export/shapes.ipynb', notebookJSON(cells));
    const run = await nbfresh(
      'export',
      nb,
      '--format',
      'gather',
      '--cell',
      'area'
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('r = 2.0');
    expect(run.stdout).toContain('import math');
    expect(run.stdout).not.toContain('unrelated');
    expectOneLineError(
      await nbfresh('export', nb, '--format', 'gather'),
      'needs --cell'
    );
    expectOneLineError(
      await nbfresh('export', nb, '--format', 'gather', '--cell', 'nope'),
      'no code cell has the id "nope"'
    );
    expectOneLineError(
      await nbfresh('export', nb, '--cell', 'area'),
      '--cell only applies'
    );
  });

  it('writes the code as run from a log, and needs the log for it', async () => {
    const nb = write('export/shapes.ipynb', notebookJSON(cells));
    const logFile = write(
      'export/log.json',
      JSON.stringify({
        format: 'nbfresh-log',
        version: 1,
        executions: [
          {
            cellId: 'setup',
            source: 'import math',
            executionCount: 1,
            kernelSession: 'k',
            status: 'ok'
          },
          {
            cellId: 'value',
            source: 'r = 3.0',
            executionCount: 2,
            kernelSession: 'k',
            status: 'ok'
          },
          {
            cellId: 'area',
            source: 'area = math.pi * r ** 2',
            executionCount: 3,
            kernelSession: 'k',
            status: 'ok'
          }
        ]
      })
    );
    const run = await nbfresh(
      'export',
      nb,
      '--format',
      'as-run',
      '--history',
      logFile
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('r = 3.0');
    expect(run.stdout).not.toContain('r = 2.0');
    expectOneLineError(
      await nbfresh('export', nb, '--format', 'as-run'),
      'needs --history'
    );
  });

  it('writes FILE, rewrites its own export, and refuses a file it did not write', async () => {
    const nb = write('export/shapes.ipynb', notebookJSON(cells));
    const out = path.join(tmp, 'export', 'shapes.py');
    fs.rmSync(out, { force: true });
    expect(spawnNbfresh('export', nb, '-o', out)).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    });
    const first = fs.readFileSync(out, 'utf8');
    expect(first.startsWith(HEADER)).toBe(true);

    fs.writeFileSync(out, first + '# stale line\n');
    expect(spawnNbfresh('export', nb, '--output', out).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(first);

    const mine = write('export/mine.py', 'print("my own work")\n');
    expectOneLineError(
      spawnNbfresh('export', nb, '-o', mine),
      mine,
      'not overwritten',
      '--force'
    );
    expect(fs.readFileSync(mine, 'utf8')).toBe('print("my own work")\n');

    expect(spawnNbfresh('export', nb, '-o', mine, '--force').code).toBe(0);
    expect(fs.readFileSync(mine, 'utf8')).toBe(first);

    expectOneLineError(
      await nbfresh('export', nb, '-o', tmp),
      `${tmp}: is a directory`
    );
  });

  it('refuses a notebook in another language and more than one notebook', async () => {
    const r = write(
      'export/r.ipynb',
      notebookJSON([{ id: 'a', source: 'x <- 1', count: 1 }], {
        kernelspec: { name: 'ir', language: 'R', display_name: 'R' }
      })
    );
    expectOneLineError(await nbfresh('export', r), 'export writes Python only');
    expectOneLineError(await nbfresh('export', r, r), 'exactly one notebook');
    expectOneLineError(
      await nbfresh('export', r, '--format', 'html'),
      '--format must be one of'
    );
  });

  it('sends warnings to stderr, one line each', async () => {
    const run = await nbfresh('export', DEMO);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    lines.forEach(line => expect(line).toMatch(/^nbfresh: warning: /));
    expect(run.stderr).toContain('`hot`');
  });
});
