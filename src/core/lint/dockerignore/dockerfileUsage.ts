/**
 * What a Dockerfile needs from its build context, read from its text (a light scan:
 * logical lines with continuations joined; comments skipped).
 */

/** git subcommands that read the repository in the build context (unlike clone/init/ls-remote). */
const GIT_REPO_SUBCOMMANDS = 'rev-parse|describe|log|show|status|diff|submodule|rev-list|branch|tag|symbolic-ref|name-rev|ls-files|archive|checkout|reset|stash|fetch|pull|blame|cat-file|for-each-ref|shortlog|remote|lfs';
const GIT_USE = new RegExp(`(^|[\\s;&|(\`$])git(\\s+-C\\s+\\S+|\\s+-c\\s+\\S+|\\s+--[\\w-]+(=\\S+)?)*\\s+(${GIT_REPO_SUBCOMMANDS})\\b`);
const DOT_GIT_SOURCE = /(^|[\s"'=,[])(\.\/)?\.git(\/|\s|"|'|,|\]|$)/;

export interface LogicalLine {
  /** 1-based physical line where the instruction starts. */
  line: number;
  instruction: string;
  text: string;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` (BuildKit heredocs), not `<<<` or a shell `<< EOF` inside a word. */
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function logicalLines(dockerfile: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = dockerfile.split(/\r\n|\r|\n/);
  let current: LogicalLine | undefined;
  for (let index = 0; index < physical.length; index++) {
    const trimmed = physical[index].trim();
    if (current === undefined) {
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const match = /^([A-Za-z]+)\s*(.*)$/.exec(trimmed);
      current = { line: index + 1, instruction: (match?.[1] ?? '').toUpperCase(), text: match?.[2] ?? trimmed };
    } else if (!trimmed.startsWith('#')) {
      current.text += ' ' + trimmed;
    }
    if (current.text.endsWith('\\') || current.text.endsWith('`')) {
      current.text = current.text.slice(0, -1);
      continue;
    }
    // Heredoc bodies follow the instruction line, one after another, each up to its terminator; they are
    // part of the instruction (a RUN heredoc is a script of build commands).
    for (const [, dash, , word] of current.text.matchAll(HEREDOC)) {
      while (++index < physical.length) {
        const body = dash ? physical[index].replace(/^\t+/, '') : physical[index];
        if (body === word) break;
        current.text += '\n' + body;
      }
    }
    out.push(current);
    current = undefined;
  }
  if (current) out.push(current);
  return out;
}

/** The first instruction that needs the `.git` directory of the build context, if any. */
export function findGitUse(dockerfile: string): LogicalLine | undefined {
  for (const line of logicalLines(dockerfile)) {
    if (line.instruction === 'RUN' && (GIT_USE.test(line.text) || /source=\.git\b|from=\.git\b/.test(line.text))) return line;
    // A COPY/ADD heredoc body is file content, not a source: only the instruction line counts.
    const head = line.text.split('\n')[0];
    if ((line.instruction === 'COPY' || line.instruction === 'ADD') && !/--from=/.test(head) && DOT_GIT_SOURCE.test(head.replace(/--\S+/g, ' '))) return line;
  }
  return undefined;
}

/** COPY/ADD instructions that name the file explicitly as a source. */
export function findExplicitCopyOf(dockerfile: string, fileName: string): LogicalLine | undefined {
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = new RegExp(`(^|[\\s"'\\[,])(\\./)?${escaped}(["',\\]]|\\s)`);
  for (const line of logicalLines(dockerfile)) {
    const head = line.text.split('\n')[0];
    if ((line.instruction !== 'COPY' && line.instruction !== 'ADD') || /--from=/.test(head)) continue;
    const args = head.replace(/--\S+/g, ' ');
    // Only sources count: drop the last argument (the destination).
    const words = args.trim().split(/\s+/);
    if (words.length < 2) continue;
    if (source.test(' ' + words.slice(0, -1).join(' ') + ' ')) return line;
  }
  return undefined;
}
