import { importBindings, importText, parseCode } from '../python';

describe('parseCode', () => {
  it('reads import statements', () => {
    const parsed = parseCode(
      'import a.b as c, d\nfrom .m import (x,  # why\n    y as z)\nfrom p import *\nimport os; v = 1'
    );
    const imports = parsed.statements.filter(s => s.imported);
    expect(imports.map(s => s.imported)).toEqual([
      {
        module: null,
        names: [
          { name: 'a.b', asname: 'c' },
          { name: 'd', asname: null }
        ]
      },
      {
        module: '.m',
        names: [
          { name: 'x', asname: null },
          { name: 'y', asname: 'z' }
        ]
      },
      { module: 'p', names: [{ name: '*', asname: null }] }
    ]);
    expect(imports.map(s => [s.firstLine, s.lastLine, s.alone])).toEqual([
      [0, 0, true],
      [1, 2, true],
      [3, 3, true]
    ]);
    // `import os; v = 1` is one statement group: not an import standing alone.
    expect(parsed.statements[3].type).toBe('StatementGroup');
    expect(importBindings(imports[0].imported!)).toEqual(['c', 'd']);
    expect(
      importBindings({ module: null, names: [{ name: 'a.b', asname: null }] })
    ).toEqual(['a']);
    expect(importText(imports[1].imported!)).toBe('from .m import x, y as z');
  });

  it('reads literal assignments and their types', () => {
    const parsed = parseCode(
      [
        'n = 10',
        'rate = -0.5',
        'name = "run"',
        'flag = True',
        'path = None',
        'big = 0x1F',
        'x: int = 3',
        'f = f"{n}"',
        'z = 1j',
        'a = b = 1',
        'c = n + 1',
        'd = b"x"'
      ].join('\n')
    );
    expect(
      parsed.statements.map(
        s => s.literal && [s.literal.name, s.literal.text, s.literal.type]
      )
    ).toEqual([
      ['n', '10', 'int'],
      ['rate', '-0.5', 'float'],
      ['name', '"run"', 'str'],
      ['flag', 'True', 'bool'],
      ['path', 'None', 'none'],
      ['big', '0x1F', 'int'],
      ['x', '3', 'int'],
      null,
      null,
      null,
      null,
      null
    ]);
  });

  it('names what def and class statements define', () => {
    const parsed = parseCode(
      '@cache\ndef f(x):\n    return x\n\nclass A(B):\n    pass\nx = 1'
    );
    expect(parsed.statements.map(s => [s.type, s.defines])).toEqual([
      ['DecoratedStatement', 'f'],
      ['ClassDefinition', 'A'],
      ['AssignStatement', null]
    ]);
  });

  it('gives the first syntax error as a script', () => {
    expect(parseCode('ok = 1\nprint "x"').syntaxError).toEqual({
      line: 1,
      column: 0,
      message: 'Python 2 print statement'
    });
    expect(parseCode('await job()').syntaxError).not.toBeNull();
    expect(parseCode('x = 1').syntaxError).toBeNull();
  });
});
