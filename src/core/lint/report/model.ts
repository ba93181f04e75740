import type { FileKind, Finding } from '../types';

/** One file's outcome in a lint run: findings, or a notice why it was not linted. */
export interface FileReport {
  /** Path as shown to the user: relative to the working folder, with '/' separators. */
  file: string;
  kind?: FileKind;
  findings: Finding[];
  /** Why the file was skipped or could not be read (binary, too large, unreadable…). */
  notice?: string;
  /** True when the notice is an I/O error (the run exits 2). */
  ioError?: boolean;
  /** Fixes applied with --fix. */
  fixed?: Array<{ code: string; title: string }>;
}
