/**
 * A small command-line parser: `--name value`, `--name=value`, `-x value`, flags, `--`.
 * Strict on purpose: in CI a mistyped option must fail loudly, not be ignored.
 */

/** Bad usage or unreadable input: one line on stderr, exit 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export interface IOptionSpec {
  /** Long name without dashes (`format` for `--format`). */
  name: string;
  /** One-letter alias without the dash (`o` for `-o`). */
  short?: string;
  /** Placeholder for the value in help (`FILE`); absent for a flag. */
  value?: string;
  /** Accepted values, if limited. */
  choices?: readonly string[];
  help: string;
}

export interface IParsedArgs {
  positional: string[];
  /** Values of value options, by long name. */
  values: Map<string, string>;
  /** Flags given, by long name (`help` included). */
  flags: Set<string>;
}

/** The option every command accepts. */
export const HELP_OPTION: IOptionSpec = {
  name: 'help',
  short: 'h',
  help: 'show this help and exit'
};

/** Parses the arguments of `nbfresh <command>`; throws CliError on anything unexpected. */
export function parseArgs(
  argv: readonly string[],
  specs: readonly IOptionSpec[],
  command: string
): IParsedArgs {
  const all = [...specs, HELP_OPTION];
  const result: IParsedArgs = {
    positional: [],
    values: new Map(),
    flags: new Set()
  };
  const hint = `see "nbfresh ${command} --help"`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      result.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : null;
    const spec = all.find(s =>
      written.startsWith('--')
        ? written === `--${s.name}`
        : written === `-${s.short}`
    );
    if (!spec) {
      throw new CliError(
        `unknown option ${written} for "nbfresh ${command}" (${hint})`
      );
    }
    if (spec.value === undefined) {
      if (inline !== null) {
        throw new CliError(`${written} takes no value`);
      }
      result.flags.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === null) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new CliError(
          `${written} needs a value: ${written} ${spec.value}`
        );
      }
      value = next;
      i++;
    }
    if (result.values.has(spec.name)) {
      throw new CliError(`--${spec.name} is given twice`);
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new CliError(
        `${written} must be one of ${spec.choices.join(', ')} (got ${JSON.stringify(value)})`
      );
    }
    result.values.set(spec.name, value);
  }
  return result;
}

/** The options part of a help text, one aligned line per option. */
export function describeOptions(specs: readonly IOptionSpec[]): string {
  const rows = [...specs, HELP_OPTION].map(spec => {
    const names = (spec.short ? `-${spec.short}, ` : '    ') + `--${spec.name}`;
    return [spec.value ? `${names} ${spec.value}` : names, spec.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows
    .map(([left, help]) => `  ${left.padEnd(width)}  ${help}`)
    .join('\n');
}
