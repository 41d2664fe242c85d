import { tokenText } from '../tokens';

const same = (a: string, b: string) => expect(tokenText(a)).toBe(tokenText(b));
const differ = (a: string, b: string) =>
  expect(tokenText(a)).not.toBe(tokenText(b));

describe('tokenText', () => {
  it('drops comments, blank lines and the spacing between tokens', () => {
    same('x = 1\ny = x + 1', '# set up\nx=1\n\n\ny  =  x+1  # sum');
    same('f(a, b)', 'f(\n    a,  # first\n    b\n)');
    same('total = a + \\\n    b', 'total = a + b');
    same('x = 1\r\ny = 2\r\n', 'x = 1\ny = 2');
    same('print(x)', 'print(x)\n# done\n');
  });

  it('keeps what changes the program', () => {
    differ('x = 1', 'x = 2');
    differ('x = "a b"', 'x = "a  b"');
    differ('s = "# not a comment"', 's = ""');
    differ("s = '''a\n# b'''", "s = '''a\n'''");
    differ('not x', 'notx');
    differ('1 .real', '1.real');
    differ('x = 1; y = 2', 'x = 1\ny = 2');
  });

  it('keeps indentation as depth, whatever its width', () => {
    same('if a:\n  b()\nc()', 'if a:\n    b()\n\nc()');
    differ('if a:\n    b()\nc()', 'if a:\n    b()\n    c()');
  });

  it('keeps cells with IPython syntax as written', () => {
    differ('%timeit f(x)', '%timeit f(x)  # how long');
    differ('!ls  -l', '!ls -l');
    differ('files = !ls #1', 'files = !ls');
    differ('obj?', 'obj ?');
    differ('%%bash\necho 1  # a', '%%bash\necho 1');
    // `%` and `!=` as Python operators.
    same('y = x % 2  # odd', 'y = x%2');
    same('y = x != 2', 'y = x!=2');
    same('s = "%d" % n', 's = "%d"%n');
  });
});
