/**
 * The one CLI option parser: node's parseArgs in strict mode, with the options
 * every command shares (--format, --trace and its alias --verbose), one --format
 * check and parse errors turned into one-line UsageErrors (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. `verbose` is kept as another name for `trace`. */
export const SHARED_OPTIONS = {
  format: { type: 'string' },
  trace: { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const satisfies OptionSpec;

export const TRACE_USAGE = '  --trace                  Log every request (credentials redacted) to stderr (--verbose is the same).';

type Value<O> = O extends { type: 'string'; multiple: true } ? string[] : O extends { type: 'string' } ? string : O extends { type: 'boolean'; multiple: true } ? boolean[] : boolean;
export type ParsedOptions<Spec extends OptionSpec> = { [K in keyof Spec]?: Value<Spec[K]> };

export interface ParsedCommandLine<Spec extends OptionSpec, Format extends string> {
  positionals: string[];
  values: ParsedOptions<Spec>;
  format: Format;
  trace: boolean;
}

function listOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The one --format check; the first of `formats` is the default. */
export function parseFormat<Format extends string>(value: string | undefined, formats: readonly Format[]): Format {
  if (value === undefined) return formats[0];
  if ((formats as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be ${listOf(formats)}, not '${value}'.`);
}

/**
 * Parses a command's arguments: the shared options plus the command's own.
 * `formats` lists the --format values the command supports (first = default).
 */
export function parseCommandLine<Spec extends OptionSpec, Format extends string>(
  args: string[],
  own: Spec,
  formats: readonly Format[],
): ParsedCommandLine<Spec, Format> {
  let parsed: { positionals: string[]; values: Record<string, unknown> };
  try {
    parsed = parseArgs({ args, options: { ...SHARED_OPTIONS, ...own }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' advice about `--` for positionals starting with '-' is noise for our commands.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '.') : String(error);
    // parseArgs writes some messages on several lines; a usage error is one.
    throw new UsageError(message.split('\n').map((line) => line.trim()).filter(Boolean).join(' '));
  }
  const values = parsed.values as ParsedOptions<Spec> & ParsedOptions<typeof SHARED_OPTIONS>;
  return {
    positionals: parsed.positionals,
    values,
    format: parseFormat(values.format, formats),
    trace: values.trace === true || values.verbose === true,
  };
}

/** Exactly `count` positionals, named for the message. */
export function expectPositionals(positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}.`);
  if (positionals.length > names.length) throw new UsageError(`unexpected argument '${positionals[names.length]}'.`);
  return positionals;
}
