import { transformCell } from '../magics';
import { parseCode } from '../python';

/** The export text of a cell in each mode. */
function modes(source: string): Record<string, string> {
  return {
    comment: transformCell(source, 'comment').code,
    ipython: transformCell(source, 'ipython').code,
    drop: transformCell(source, 'drop').code
  };
}

describe('transformCell', () => {
  it('rewrites a line magic in each mode', () => {
    expect(modes('%matplotlib inline\nx = 1')).toEqual({
      comment: '# %matplotlib inline\nx = 1',
      ipython: "get_ipython().run_line_magic('matplotlib', 'inline')\nx = 1",
      drop: 'x = 1'
    });
  });

  it('keeps the statement of a magic that wraps code, without its options', () => {
    expect(modes('%time y = f(2)')).toEqual({
      comment: 'y = f(2)  # %time',
      ipython: "get_ipython().run_line_magic('time', 'y = f(2)')",
      drop: 'y = f(2)'
    });
    expect(transformCell('%timeit -n 3 -r1 -q sorted(a)', 'comment').code).toBe(
      'sorted(a)  # %timeit'
    );
    // Under IPython the wrapped statement still binds `y`: the analysis sees it.
    expect(transformCell('%time y = f(2)', 'ipython').analysisCode).toBe(
      'y = f(2)'
    );
  });

  it('rewrites shell escapes and their assignments', () => {
    expect(modes('!pip install -q pandas\nout = !ls "my dir"\n!!date')).toEqual(
      {
        comment: '# !pip install -q pandas\n# out = !ls "my dir"\n# !!date',
        ipython: [
          "get_ipython().system('pip install -q pandas')",
          'out = get_ipython().getoutput(\'ls "my dir"\')',
          "get_ipython().getoutput('date')"
        ].join('\n'),
        drop: ''
      }
    );
    const commented = transformCell('out = !ls', 'comment');
    expect(commented.notes).toEqual([
      {
        kind: 'target-not-set',
        line: 'out = !ls',
        target: 'out',
        dropped: false
      }
    ]);
    expect(transformCell('x = %who_ls', 'ipython').code).toBe(
      "x = get_ipython().run_line_magic('who_ls', '')"
    );
  });

  it('rewrites help requests', () => {
    expect(modes('np.mean??')).toEqual({
      comment: '# np.mean??',
      ipython: "get_ipython().run_line_magic('pinfo2', 'np.mean')",
      drop: ''
    });
  });

  it('keeps a block valid when the magic was its only statement', () => {
    const source = 'for f in files:\n    !cp {f} out/\nprint("done")';
    const out = modes(source);
    expect(out.comment).toBe(
      'for f in files:\n    pass  # !cp {f} out/\nprint("done")'
    );
    expect(out.drop).toBe('for f in files:\n    pass\nprint("done")');
    expect(out.ipython).toBe(
      'for f in files:\n    get_ipython().system(\'cp {f} out/\')\nprint("done")'
    );
    for (const code of Object.values(out)) {
      expect(parseCode(code).syntaxError).toBeNull();
    }
  });

  it('comments out a cell magic whose body is not Python, whole', () => {
    expect(modes('%%bash\necho "hi"\nls')).toEqual({
      comment: '# %%bash\n# echo "hi"\n# ls',
      ipython: "get_ipython().run_cell_magic('bash', '', 'echo \"hi\"\\nls')",
      drop: ''
    });
    expect(transformCell('%%writefile a.txt\nhello', 'drop').notes).toEqual([
      { kind: 'not-python', magic: 'writefile', dropped: true }
    ]);
  });

  it('keeps the Python body of %%time and %%capture, rewriting magics inside', () => {
    expect(modes('%%time\n%matplotlib inline\nz = 3')).toEqual({
      comment: '# %%time\n# %matplotlib inline\nz = 3',
      ipython:
        "get_ipython().run_cell_magic('time', '', '%matplotlib inline\\nz = 3')",
      drop: 'z = 3'
    });
    const captured = transformCell('%%capture out\nprint(1)', 'comment');
    expect(captured.code).toBe('# %%capture out\nprint(1)');
    expect(captured.notes).toEqual([{ kind: 'capture-dropped', args: 'out' }]);
    expect(transformCell('%%time\nz = 3', 'ipython').analysisCode).toBe(
      'z = 3'
    );
  });

  it('says when a magic sets names the analysis cannot see', () => {
    expect(transformCell('%run helpers.py', 'ipython').opaque).toEqual([
      '%run runs through IPython'
    ]);
    expect(transformCell('%run helpers.py', 'comment').notes).toEqual([
      { kind: 'names-missing', magic: 'run', dropped: false }
    ]);
    expect(transformCell('%matplotlib inline', 'ipython').opaque).toEqual([]);
  });

  it('removes the indentation of a cell that is indented as a whole, as IPython does', () => {
    expect(transformCell('  x = 1\n  if x:\n      y = 2', 'comment').code).toBe(
      'x = 1\nif x:\n    y = 2'
    );
  });

  it('leaves plain Python unchanged', () => {
    const source =
      'def f(a):\n    """100% sure?"""\n    return a % 2\n\nprint(f(3))';
    expect(modes(source)).toEqual({
      comment: source,
      ipython: source,
      drop: source
    });
    expect(transformCell(source, 'ipython').usesIPython).toBe(false);
  });
});
