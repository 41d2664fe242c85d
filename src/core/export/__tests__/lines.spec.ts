import { pythonString, scanSource } from '../lines';

describe('scanSource', () => {
  it('finds each kind of IPython line at the start of a logical line', () => {
    const scanned = scanSource(
      [
        '%matplotlib inline',
        '!pip install x',
        '!!ls',
        'files = !ls *.csv',
        'a, b = %who_ls',
        'df?',
        '??np.mean',
        'x = 1'
      ].join('\n')
    );
    expect(scanned.cellMagic).toBeNull();
    expect(
      scanned.ipython.map(l => [
        l.kind,
        l.name,
        l.args,
        l.target ?? null,
        !!l.capture
      ])
    ).toEqual([
      ['magic', 'matplotlib', 'inline', null, false],
      ['shell', '', 'pip install x', null, false],
      ['shell', '', 'ls', null, true],
      ['shell', '', 'ls *.csv', 'files', false],
      ['magic', 'who_ls', '', 'a, b', false],
      ['help', 'pinfo', 'df', null, false],
      ['help', 'pinfo2', 'np.mean', null, false]
    ]);
  });

  it('leaves Python alone: strings, brackets, comments, operators', () => {
    const source = [
      's = """',
      '%not a magic',
      '!not shell',
      '"""',
      'y = (1,',
      '     !2)',
      '# why?',
      'z = a != b',
      'w = "%d" % 3',
      "t = 'a' if ok else 'b?'"
    ].join('\n');
    const scanned = scanSource(source);
    expect(scanned.ipython).toEqual([]);
    expect(scanned.inString).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false
    ]);
  });

  it('joins backslash continuations of an escaped command', () => {
    const scanned = scanSource('!echo a \\\n  b\nx = 1');
    expect(scanned.ipython).toEqual([
      {
        first: 0,
        last: 1,
        indent: '',
        kind: 'shell',
        name: '',
        args: 'echo a  b',
        capture: false
      }
    ]);
  });

  it('keeps the indentation of magics inside blocks', () => {
    const scanned = scanSource('for f in files:\n    !cp {f} out/');
    expect(scanned.ipython[0]).toMatchObject({
      first: 1,
      indent: '    ',
      kind: 'shell',
      args: 'cp {f} out/'
    });
  });

  it('reads a cell magic on the first non-blank line, body and all', () => {
    const scanned = scanSource('\n%%bash -e\necho hi\n!not parsed');
    expect(scanned.cellMagic).toEqual({
      name: 'bash',
      args: '-e',
      body: 'echo hi\n!not parsed',
      line: 1
    });
    expect(scanned.ipython).toEqual([]);
  });

  it('knows which lines begin inside a multi-line string', () => {
    const scanned = scanSource("a = '''x\ny''' + 'z\\\nw'\nb = r'\\''\nc = 1");
    expect(scanned.inString).toEqual([false, true, true, false, false]);
  });
});

describe('pythonString', () => {
  it('escapes what a single-quoted Python literal cannot hold', () => {
    expect(pythonString("it's a \\ path\n\tand \u0001")).toBe(
      "'it\\'s a \\\\ path\\n\\tand \\x01'"
    );
    expect(pythonString('été')).toBe("'été'");
  });
});
