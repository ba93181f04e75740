import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../core/lint/engine';
import { detectFileKind, dockerfileForDockerignore } from '../core/lint/fileKind';
import { applySafeFixes } from '../core/lint/fix';
import type { FileReport } from '../core/lint/report/model';
import type { Companions, FileKind, LintSettings } from '../core/lint/types';

/** Larger files are reported and skipped: no Dockerfile or template is this big, and linting must stay fast. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_DEPTH = 64;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '.vscode-test', 'bower_components']);

export interface LintRunOptions {
  cwd: string;
  settings: LintSettings;
  fix: boolean;
}

interface Candidate {
  absolute: string;
  /** Named on the command line: report when it is not something we lint. */
  explicit: boolean;
}

function display(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute);
  return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
}

function errnoMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder. Check the path.';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied. Check the file permissions or run as a user who can read it.';
    case 'EISDIR':
      return 'is a folder.';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop).';
    case 'ENXIO':
      return 'a socket or device with nothing behind it; not read.';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** What a path that is not a regular file or a folder is, for the notice naming it (stats and dirents alike). */
function specialKind(entry: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | undefined {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return undefined;
}

/** Only regular files are read: a FIFO would block forever, a device never ends. */
function notRegularNotice(kind: string): string {
  return `not a regular file (${kind}); only regular files are read.`;
}

/**
 * Walks folders (symlink loops guarded by real path), yielding files that may be
 * lintable. Anything it does not follow or read (pipes, sockets, devices, link
 * loops, dangling links) is named in a notice with the reason.
 */
async function collect(paths: string[], cwd: string, reports: FileReport[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  /** Real path → the path it was first linted under. */
  const seenDirs = new Map<string, string>();
  const seenFiles = new Set<string>();
  async function walk(dir: string, depth: number): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      reports.push({ file: display(cwd, dir), findings: [], notice: `cannot read folder: ${errnoMessage(error)}`, ioError: true });
      return;
    }
    const first = seenDirs.get(real);
    if (first !== undefined) {
      const fromFirst = path.relative(first, dir);
      const loop = fromFirst !== '' && !fromFirst.startsWith('..') && !path.isAbsolute(fromFirst);
      reports.push({ file: display(cwd, dir), findings: [], notice: `${loop ? 'symbolic link loop back to' : 'same folder as'} ${display(cwd, first)}, linted once there; not followed.` });
      return;
    }
    seenDirs.set(real, dir);
    if (depth > MAX_DEPTH) {
      reports.push({ file: display(cwd, dir), findings: [], notice: `folder nesting deeper than ${MAX_DEPTH}; not descending further.` });
      return;
    }
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      reports.push({ file: display(cwd, dir), findings: [], notice: `cannot read folder: ${errnoMessage(error)}`, ioError: true });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let special = specialKind(entry);
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
          special = specialKind(stat);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? 'symbolic link to a path that does not exist' : code === 'ELOOP' ? 'symbolic link loop (too many levels of symbolic links)' : `symbolic link that cannot be followed: ${errnoMessage(error)}`;
          reports.push({ file: display(cwd, full), findings: [], notice: `${why}; not followed.` });
          continue;
        }
      }
      if (special) {
        reports.push({ file: display(cwd, full), findings: [], notice: notRegularNotice(special) });
      } else if (isDir) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full, depth + 1);
      } else if (isFile && mayBeLintable(entry.name)) {
        const realFile = await fs.realpath(full).catch(() => full);
        if (!seenFiles.has(realFile)) {
          seenFiles.add(realFile);
          out.push({ absolute: full, explicit: false });
        }
      }
    }
  }
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      reports.push({ file: display(cwd, absolute), findings: [], notice: errnoMessage(error), ioError: true });
      continue;
    }
    const special = specialKind(stat);
    if (stat.isDirectory()) await walk(absolute, 0);
    else if (special) reports.push({ file: display(cwd, absolute), findings: [], notice: notRegularNotice(special) });
    else out.push({ absolute, explicit: true });
  }
  return out;
}

/** Name-only pre-filter; `.json` files are confirmed by content (ARM `$schema`). */
function mayBeLintable(name: string): boolean {
  const lower = name.toLowerCase();
  return detectFileKind(name) !== undefined || lower.endsWith('.json') || lower.endsWith('.jsonc') || lower === 'docker';
}

type ReadOutcome = { text: string } | { notice: string; ioError?: boolean };

async function readText(file: string): Promise<ReadOutcome> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO (swapped in after the walk looked) must not wait for a writer; fstat then refuses it.
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile()) return { notice: notRegularNotice(specialKind(stat) ?? 'not a file') };
    if (stat.size > MAX_FILE_BYTES) return { notice: `${(stat.size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB acr-doctor lints.` };
    const bytes = await handle.readFile();
    if (bytes.subarray(0, 8192).includes(0)) return { notice: 'binary file (contains NUL bytes).' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { notice: 'not valid UTF-8. Save it as UTF-8 to lint it.' };
    }
  } catch (error) {
    return { notice: `cannot read: ${errnoMessage(error)}`, ioError: true };
  } finally {
    await handle?.close();
  }
}

async function companionsFor(file: string, kind: FileKind): Promise<Companions> {
  if (kind !== 'dockerignore') return {};
  const dockerfile = dockerfileForDockerignore(file);
  const read = await readText(dockerfile).catch(() => undefined);
  return read && 'text' in read ? { dockerfile: read.text, dockerfileName: path.basename(dockerfile) } : {};
}

/** Writes next to the file and renames over it, so a crash never leaves half a file; keeps the mode. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const stat = await fs.stat(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.acr-doctor-${process.pid}.tmp`);
  await fs.writeFile(temp, text, { mode: stat.mode });
  await fs.rename(temp, file);
}

export async function lintPaths(paths: string[], options: LintRunOptions): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  const candidates = await collect(paths.length ? paths : ['.'], options.cwd, reports);
  for (const candidate of candidates) {
    const file = display(options.cwd, candidate.absolute);
    const read = await readText(candidate.absolute);
    if (!('text' in read)) {
      if (candidate.explicit || detectFileKind(candidate.absolute) !== undefined || read.ioError) reports.push({ file, findings: [], ...read });
      continue;
    }
    const kind = detectFileKind(candidate.absolute, read.text);
    if (!kind) {
      if (candidate.explicit) reports.push({ file, findings: [], notice: 'not a file type acr-doctor lints (Dockerfile, .dockerignore, daemon.json, ARM template, /etc/sysconfig/docker).' });
      continue;
    }
    const companions = await companionsFor(candidate.absolute, kind);
    const input = { fileName: candidate.absolute, text: read.text, kind, settings: options.settings, companions };
    if (options.fix) {
      const outcome = applySafeFixes(input);
      if (outcome.applied.length > 0) {
        try {
          await writeAtomically(candidate.absolute, outcome.text);
        } catch (error) {
          reports.push({ file, kind, findings: lintText(input).findings, notice: `could not write fixes: ${errnoMessage(error)}`, ioError: true });
          continue;
        }
      }
      reports.push({ file, kind, findings: outcome.result.findings, fixed: outcome.applied });
    } else {
      reports.push({ file, kind, findings: lintText(input).findings });
    }
  }
  return reports;
}
