/**
 * The Dockerfile as the rules see it: parsed once with dockerfile-ast, with every image
 * reference found, expanded and parsed up front so no rule parses anything again.
 */
import { Arg, Copy, Add, DockerfileParser, Env, From, Run } from 'dockerfile-ast';
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import { isAcrHost, parseImageReference } from '../../reference/imageReference';
import type { ImageReference } from '../../reference/imageReference';
import type { LineIndex, Range, TextEdit } from '../../text/lineIndex';
import { expandWord } from './expand';
import type { ExpandedWord, VariableDefinition, VariableLookup } from './expand';

/** Where an image reference is written. */
export type ReferenceOrigin = 'from' | 'copy-from' | 'mount-from';

export interface ReferenceSite {
  origin: ReferenceOrigin;
  /** [start, end) offsets of the word as written (e.g. `${BASE}`). */
  start: number;
  end: number;
  range: Range;
  /** The reference after ARG expansion, with the document offset of each character. */
  expanded: ExpandedWord;
  /** Parts and problem; its offsets are offsets into `expanded.text`. */
  reference: ImageReference;
}

export interface DockerfileDoc {
  dockerfile: Dockerfile;
  /** Every statically known image reference (not stages, `scratch`, or unresolvable words). */
  references: ReferenceSite[];
  /** Lowercased ACR login servers the file pulls from. */
  acrRegistries: string[];
}

interface ArgDeclaration {
  name: string;
  offset: number;
  definition: VariableDefinition | undefined;
}

/** Keywords whose instructions the reference sites live in; others are skipped without inspection. */
const INTERESTING = new Set(['FROM', 'COPY', 'ADD', 'RUN', 'ARG', 'ENV']);

export function parseDockerfile(text: string, lines: LineIndex): DockerfileDoc {
  const dockerfile = DockerfileParser.parse(text);
  const escapeChar = dockerfile.getEscapeCharacter();
  const instructions = dockerfile.getInstructions();
  const offsetOf = (instruction: Instruction): number => lines.offsetAt(instruction.getRange().start);
  // Flag parsing is the costly part of COPY and RUN, and most have no flag naming another image.
  const instructionText = (instruction: Instruction): string => text.slice(offsetOf(instruction), lines.offsetAt(instruction.getRange().end));

  // One argument scan per FROM (dockerfile-ast does not cache arguments). Stage names are case-insensitive in BuildKit.
  const stageNames = new Set<string>();
  const fromImageRanges = new Map<Instruction, Range | null>();
  for (const instruction of instructions) {
    if (!(instruction instanceof From)) continue;
    const args = instruction.getArguments();
    fromImageRanges.set(instruction, args.length > 0 ? args[0].getRange() : null);
    // `AS NAME` ends the FROM; a templated image (`{{ .Base }}`) can split into several words before it,
    // and a declared stage name is a stage whatever its image.
    const as = args.length - 2;
    if (as >= 1 && args[as].getValue().toUpperCase() === 'AS') stageNames.add(args[as + 1].getValue().toLowerCase());
  }

  // Global ARGs (before the first FROM) are the only variables FROM can use.
  const globalArgs: ArgDeclaration[] = [];
  const globalLookupAt = (position: number): VariableLookup => (name) => {
    for (let i = globalArgs.length - 1; i >= 0; i--) {
      const declaration = globalArgs[i];
      if (declaration.offset < position && declaration.name === name) return declaration.definition;
    }
    return undefined;
  };
  const declarationsOf = (instruction: Arg, lookup: VariableLookup): ArgDeclaration[] =>
    instruction.getProperties().map((property) => {
      const valueRange = property.getValueRange();
      const definition = valueRange
        ? { valueStart: lines.offsetAt(valueRange.start), valueEnd: lines.offsetAt(valueRange.end), lookup }
        : undefined;
      return { name: property.getName(), offset: offsetOf(instruction), definition };
    });

  const references: ReferenceSite[] = [];
  const addSite = (origin: ReferenceOrigin, range: Range | null, lookup: VariableLookup): void => {
    if (!range) return;
    const start = lines.offsetAt(range.start);
    const end = lines.offsetAt(range.end);
    if (end <= start) return;
    const expanded = expandWord(text, start, end, lookup, escapeChar);
    if (!expanded || expanded.text === '') return;
    const lower = expanded.text.toLowerCase();
    if (lower === 'scratch' || stageNames.has(lower)) return;
    if (origin !== 'from' && /^[0-9]+$/.test(expanded.text)) return; // a stage index
    references.push({ origin, start, end, range, expanded, reference: parseImageReference(expanded.text) });
  };

  let stageStart = -1; // index of the current stage's FROM
  for (let index = 0; index < instructions.length; index++) {
    const instruction = instructions[index];
    const keyword = instruction.getKeyword();
    if (!INTERESTING.has(keyword)) continue;
    if (instruction instanceof From) {
      stageStart = index;
      addSite('from', fromImageRanges.get(instruction) ?? null, globalLookupAt(offsetOf(instruction)));
    } else if (instruction instanceof Arg) {
      if (stageStart === -1) globalArgs.push(...declarationsOf(instruction, globalLookupAt(offsetOf(instruction))));
    } else if (instruction instanceof Copy || instruction instanceof Add) {
      if (!instructionText(instruction).includes('--from')) continue;
      for (const flag of instruction.getFlags()) {
        if (flag.getName().toLowerCase() === 'from') addSite('copy-from', flag.getValueRange(), stageLookup(index, stageStart + 1));
      }
    } else if (instruction instanceof Run) {
      if (!instructionText(instruction).includes('from=')) continue;
      for (const flag of instruction.getFlags()) {
        if (flag.getName().toLowerCase() !== 'mount') continue;
        for (const option of flag.getOptions()) {
          if (option.getName().toLowerCase() === 'from') addSite('mount-from', option.getValueRange(), stageLookup(index, stageStart + 1));
        }
      }
    }
  }

  /**
   * Inside a stage only ARGs declared in that stage are visible; an ARG without a default
   * takes the global ARG's default. ENV values are not resolved (they are not build args).
   */
  function stageLookup(instructionIndex: number, firstInStage: number): VariableLookup {
    return (name) => {
      for (let i = instructionIndex - 1; i >= firstInStage; i--) {
        const instruction = instructions[i];
        if (instruction instanceof Env) {
          if (instruction.getProperties().some((p) => p.getName() === name)) return undefined;
        } else if (instruction instanceof Arg) {
          const declaration = declarationsOf(instruction, stageLookup(i, firstInStage)).reverse().find((d) => d.name === name);
          if (declaration) return declaration.definition ?? globalLookupAt(Number.MAX_SAFE_INTEGER)(name);
        }
      }
      return undefined;
    };
  }

  const acrRegistries = [...new Set(references
    .filter((site) => site.reference.domain && isAcrHost(site.reference.domain.value))
    .map((site) => site.reference.registry.toLowerCase()))];
  return { dockerfile, references, acrRegistries };
}

/**
 * The document range to report for expanded[start, end): the exact text when those
 * characters are written contiguously in the reference itself, otherwise the whole
 * reference as written (e.g. `${BASE}` when the part came from an ARG default).
 */
export function partRange(site: ReferenceSite, start: number, end: number, lines: LineIndex): Range {
  const { sources } = site.expanded;
  if (start >= end || end > sources.length) return site.range;
  const first = sources[start];
  for (let i = start + 1; i < end; i++) if (sources[i] !== first + (i - start)) return site.range;
  if (first < site.start || first + (end - start) > site.end) return site.range;
  return lines.rangeAt(first, end - start);
}

/**
 * Edits that replace expanded[start, end) in the document, wherever its characters were
 * written (in the reference, in ARG defaults, or both): one edit per contiguous run.
 */
export function mappedEdits(site: ReferenceSite, start: number, end: number, replace: (text: string) => string, lines: LineIndex): TextEdit[] {
  const { sources, text } = site.expanded;
  const edits: TextEdit[] = [];
  let runStart = start;
  for (let i = start + 1; i <= end; i++) {
    if (i < end && sources[i] === sources[i - 1] + 1) continue;
    edits.push({ range: lines.rangeAt(sources[runStart], i - runStart), newText: replace(text.slice(runStart, i)) });
    runStart = i;
  }
  return edits;
}

/** How a message names a reference: the expanded text, and the word as written when they differ. */
export function describeReference(site: ReferenceSite, document: string): string {
  const written = document.slice(site.start, site.end);
  return written === site.expanded.text ? `"${written}"` : `"${site.expanded.text}" (the value of "${written}")`;
}

/** Fix titles say where the edit lands when it is not in the reference itself (expanded[start, end) came from an ARG default). */
export function fixTitle(site: ReferenceSite, start: number, end: number, title: string): string {
  const { sources } = site.expanded;
  for (let i = start; i < end; i++) {
    if (sources[i] < site.start || sources[i] >= site.end) return `${title} (in the ARG default)`;
  }
  return title;
}

/**
 * Whether the reference's parts are trustworthy for rules about tags and registries:
 * valid, or invalid only by upper case in the path (ACR101 reports that; the rest still holds).
 */
export function partsAreReliable(site: ReferenceSite): boolean {
  const { error } = site.reference;
  return !error || error.kind === 'uppercase-repository';
}
