import { CliError, describeOptions, IOptionSpec, parseArgs } from '../args';

const SPECS: IOptionSpec[] = [
  { name: 'json', help: 'JSON' },
  { name: 'output', short: 'o', value: 'FILE', help: 'where' },
  { name: 'format', value: 'F', choices: ['script', 'module'], help: 'which' }
];

function parse(...argv: string[]) {
  return parseArgs(argv, SPECS, 'test');
}

function failure(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (reason) {
    expect(reason).toBeInstanceOf(CliError);
    return (reason as CliError).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('separates positionals, flags and values in any order', () => {
    const args = parse(
      'a.ipynb',
      '--json',
      '-o',
      'out.py',
      'b.ipynb',
      '--format=module'
    );
    expect(args.positional).toEqual(['a.ipynb', 'b.ipynb']);
    expect([...args.flags]).toEqual(['json']);
    expect(Object.fromEntries(args.values)).toEqual({
      output: 'out.py',
      format: 'module'
    });
  });

  it('takes everything after -- as positional, and - as a positional', () => {
    const args = parse('--', '--json', '-o');
    expect(args.positional).toEqual(['--json', '-o']);
    expect(parse('-').positional).toEqual(['-']);
  });

  it('knows --help and -h everywhere', () => {
    expect(parse('-h').flags.has('help')).toBe(true);
    expect(parse('x', '--help').flags.has('help')).toBe(true);
  });

  it('rejects what it does not know, with the option named', () => {
    expect(failure('--jsn')).toBe(
      'unknown option --jsn for "nbfresh test" (see "nbfresh test --help")'
    );
    expect(failure('-x')).toContain('unknown option -x');
    expect(failure('--json=yes')).toBe('--json takes no value');
    expect(failure('-o')).toBe('-o needs a value: -o FILE');
    expect(failure('--output', '--json')).toBe(
      '--output needs a value: --output FILE'
    );
    expect(failure('-o', 'a', '--output', 'b')).toBe('--output is given twice');
    expect(failure('--format', 'html')).toBe(
      '--format must be one of script, module (got "html")'
    );
  });
});

describe('describeOptions', () => {
  it('lists every option with its value and help, aligned, and --help', () => {
    const lines = describeOptions(SPECS).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^ {2}-o, --output FILE +where$/);
    expect(lines[3]).toMatch(/^ {2}-h, --help +show this help and exit$/);
    const column = lines.map(line => line.search(/ (JSON|where|which|show)/));
    expect(new Set(column).size).toBe(1);
  });
});
