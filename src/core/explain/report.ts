import type { CheckResult } from '../checks/types';
import type { JudgedCause } from './judge';
import type { MessageFacts, Recognition } from './types';

/** One recognition's causes judged by the checks that ran, or why none did. */
export interface Judgement {
  ran: string[];
  judged: JudgedCause[];
  notChecked?: string;
}

/** Per recognition, its causes judged by the checks that ran (`explain --check`). */
export type Judgements = ReadonlyMap<Recognition, Judgement>;

const VERDICT_MARK = { confirmed: 'IT IS THIS', 'ruled-out': 'ruled out', undecided: 'undecided' } as const;

/** What the message names, as one line: "myreg.azurecr.io · repository team/api · tag v2". */
export function describeFacts(facts: MessageFacts): string {
  const parts: string[] = [];
  if (facts.loginServer) parts.push(facts.loginServer);
  if (facts.repository) parts.push(`repository ${facts.repository}`);
  if (facts.reference) parts.push(facts.reference.startsWith('sha256:') ? `digest ${facts.reference}` : `tag ${facts.reference}`);
  if (facts.clientIp) parts.push(`client IP ${facts.clientIp}`);
  if (facts.status) parts.push(`HTTP ${facts.status}`);
  if (facts.azTitle) parts.push(facts.azTitle);
  if (facts.resolver) parts.push(`resolver ${facts.resolver}`);
  if (facts.address) parts.push(`address ${facts.address}`);
  if (facts.cacheRule) parts.push(`cache rule ${facts.cacheRule}`);
  return parts.join(' · ');
}

/**
 * A cause's next step with what the message named filled in (REGISTRY, LOGIN_SERVER, REPOSITORY, TAG,
 * CLIENT_IP), so the command can be pasted as it is; placeholders the message did not name stay.
 */
export function concreteFix(fix: string, facts: MessageFacts): string {
  const host = facts.loginServer && facts.loginServer !== 'docker.io' ? facts.loginServer : undefined;
  const registry = host && /\.azurecr\./.test(host) ? host.slice(0, host.indexOf('.')) : undefined;
  const tag = facts.reference && !facts.reference.startsWith('sha256:') ? facts.reference : undefined;
  return fix
    .replace(/\bLOGIN_SERVER\b/g, host ?? 'LOGIN_SERVER')
    .replace(/\bREGISTRY\b/g, registry ?? 'REGISTRY')
    .replace(/\bREPOSITORY\b|\bREPO\b/g, facts.repository ?? 'REPOSITORY')
    .replace(/\bTAG\b/g, tag ?? 'TAG')
    .replace(/\bCLIENT_IP\b/g, facts.clientIp ?? 'CLIENT_IP');
}

/** The checks that decide between a recognition's causes, in cause order, each once. */
export function decidingChecks(recognition: Recognition): string[] {
  return [...new Set(recognition.causes.flatMap((c) => c.checks))];
}

/** The check-health command that runs just those checks against the registry the message names. */
export function checkHealthCommand(recognition: Recognition): string | undefined {
  const checks = decidingChecks(recognition);
  const registry = recognition.facts.loginServer;
  if (!registry || registry === 'docker.io' || checks.length === 0) return undefined;
  const repository = recognition.facts.repository ? ` --repository ${recognition.facts.repository}${recognition.facts.reference && !recognition.facts.reference.startsWith('sha256:') ? `:${recognition.facts.reference}` : ''}` : '';
  return `acr-doctor check-health ${registry}${repository} --only ${checks.join(',')}`;
}

export function toTextReport(recognitions: Recognition[], judgements?: Judgements): string {
  if (recognitions.length === 0) return 'No known registry failure message found. Paste the whole error (or the CI log) and try again, or run acr-doctor check-health REGISTRY.\n';
  const out: string[] = [];
  for (const r of recognitions) {
    out.push(`line ${r.line}: ${r.family.title}${r.occurrences > 1 ? `  (${r.occurrences} times)` : ''}`);
    out.push(`  > ${r.excerpt}`);
    const facts = describeFacts(r.facts);
    if (facts) out.push(`  names: ${facts}`);
    out.push(`  means: ${r.family.meaning}`);
    const judgement = judgements?.get(r);
    if (judgement && !judgement.notChecked) {
      const top = judgement.judged[0];
      out.push(top?.verdict === 'confirmed' ? `  verdict: ${top.cause.summary}` : '  verdict: no check confirmed a cause; the likeliest are listed first.');
      out.push(`  causes, as the checks decided (${judgement.ran.join(', ')}):`);
      judgement.judged.forEach(({ cause, verdict, because }, i) => {
        out.push(`    ${i + 1}. [${VERDICT_MARK[verdict]}] ${cause.summary}`);
        for (const b of because) out.push(`       ${b.id} ${b.status}: ${b.summary}`);
        if (verdict !== 'ruled-out') out.push(`       next step: ${concreteFix(cause.fix, r.facts)}`);
      });
    } else {
      if (judgement?.notChecked) out.push(`  not checked: ${judgement.notChecked}`);
      out.push('  likely causes, most likely first:');
      r.causes.forEach((cause, i) => {
        out.push(`    ${i + 1}. ${cause.summary}`);
        if (cause.checks.length > 0) out.push(`       decided by: ${cause.checks.join(', ')}`);
        out.push(`       next step: ${concreteFix(cause.fix, r.facts)}`);
      });
      const command = checkHealthCommand(r);
      if (command) out.push(`  find out which: ${command}`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

export interface ExplainJson {
  messages: Array<{
    id: string;
    line: number;
    occurrences: number;
    title: string;
    excerpt: string;
    facts: MessageFacts;
    meaning: string;
    causes: Array<{ id: string; summary: string; checks: string[]; fix: string; verdict?: string; because?: Array<{ id: string; status: string; summary: string }> }>;
    checkHealth?: string;
    /** With --check: the checks that ran, or why none did. */
    checked?: { ran: string[] } | { notChecked: string };
    faq: string[];
    sources: string[];
  }>;
}

export function toJsonReport(recognitions: Recognition[], judgements?: Judgements): ExplainJson {
  return {
    messages: recognitions.map((r) => {
      const judgement = judgements?.get(r);
      const judged = judgement && !judgement.notChecked ? judgement.judged : undefined;
      return {
      id: r.family.id,
      line: r.line,
      occurrences: r.occurrences,
      title: r.family.title,
      excerpt: r.excerpt,
      facts: r.facts,
      meaning: r.family.meaning,
      causes: judged
        ? judged.map(({ cause: { id, summary, checks, fix }, verdict, because }) => ({ id, summary, checks, fix: concreteFix(fix, r.facts), verdict, because }))
        : r.causes.map(({ id, summary, checks, fix }) => ({ id, summary, checks, fix: concreteFix(fix, r.facts) })),
      checkHealth: checkHealthCommand(r),
      ...(judgement ? { checked: judgement.notChecked ? { notChecked: judgement.notChecked } : { ran: judgement.ran } } : {}),
      faq: r.family.faq,
      sources: r.family.sources,
      };
    }),
  };
}

/** One explained message of a Markdown report: its `## heading`, then what toMarkdownReport says of each. */
export interface MessageMarkdownOptions {
  /** The heading's words (default `Line N: title`). */
  heading?: string;
  /** A line under the excerpt: which cause it is (see verdictSentence). */
  verdict?: string;
}

const mdCode = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The lines of one explained message in Markdown; text from the log goes in code spans / blocks only. */
export function messageMarkdown(r: Recognition, judgement?: Judgement, options: MessageMarkdownOptions = {}): string[] {
  const out: string[] = [];
  out.push(`## ${(options.heading ?? `Line ${r.line}: ${r.family.title}`).replace(/[<>]/g, '')}`, '');
  out.push('```', r.excerpt.replace(/```/g, "'''"), '```', '');
  const facts = describeFacts(r.facts);
  if (facts) out.push(`Names: ${mdCode(facts)}`, '');
  if (options.verdict) out.push(`**Verdict:** ${options.verdict.replace(/[<>]/g, '')}`, '');
  if (judgement && !judgement.notChecked) {
    out.push(r.family.meaning, '', `Causes, as the checks decided (${judgement.ran.map(mdCode).join(', ')}):`, '');
    judgement.judged.forEach(({ cause, verdict, because }, i) =>
      out.push(`${i + 1}. **${VERDICT_MARK[verdict]}**: ${cause.summary}${because.map((b) => `  \n   ${mdCode(b.id)} ${b.status}: ${b.summary.replace(/[<>]/g, '')}`).join('')}${verdict !== 'ruled-out' ? `  \n   Next step: ${concreteFix(cause.fix, r.facts)}` : ''}`),
    );
  } else {
    out.push(r.family.meaning, '', 'Likely causes, most likely first:', '');
    r.causes.forEach((cause, i) => out.push(`${i + 1}. ${cause.summary}${cause.checks.length ? ` (decided by ${cause.checks.map(mdCode).join(', ')})` : ''}  \n   Next step: ${concreteFix(cause.fix, r.facts)}`));
  }
  const command = checkHealthCommand(r);
  if (command) out.push('', `Find out which: ${mdCode(command)}`);
  out.push('');
  return out;
}

/** Markdown for a ticket or a PR comment; text from the log goes in code spans / blocks only. */
export function toMarkdownReport(recognitions: Recognition[], judgements?: Judgements): string {
  if (recognitions.length === 0) return 'No known registry failure message found.\n';
  return ['# ACR Doctor: explained errors', '', ...recognitions.flatMap((r) => messageMarkdown(r, judgements?.get(r)))].join('\n');
}

const FOUND_BY: Partial<Record<CheckResult['status'], string>> = { fail: 'failed', warn: 'warned' };

/**
 * Which cause it is, in a sentence, once the deciding checks ran: the first confirmed cause and the check
 * that confirmed it; else that every cause is ruled out, or that none is decided yet.
 */
export function verdictSentence(judged: readonly JudgedCause[]): string {
  const confirmed = judged.find((j) => j.verdict === 'confirmed');
  if (confirmed) {
    const [first] = confirmed.because;
    return `It is this cause: ${confirmed.cause.summary.replace(/\.$/, '')}, because ${first ? `${first.id} ${FOUND_BY[first.status] ?? first.status}: ${first.summary}` : 'its check says so.'}`;
  }
  const ruledOut = judged.filter((j) => j.verdict === 'ruled-out').length;
  if (judged.length > 0 && ruledOut === judged.length) return 'None of the known causes: every check that decides between them passed. Run all checks for the registry, or read the message again.';
  return `No check confirmed a cause${ruledOut ? ` (${ruledOut} ruled out)` : ''}: the likeliest cause left is listed first.`;
}
