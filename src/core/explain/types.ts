/**
 * Explain an error: a catalogue of the failure messages users paste (../shared/reference/failure-messages.md),
 * each with what it names, what it means, its likely causes and the checks that decide between them.
 * Pure data and pure functions: no I/O here (the CLI and the extension feed text in).
 */

/** What a message names, extracted exactly from its text. Absent when the message does not say. */
export interface MessageFacts {
  /** Registry host as written (lower-cased), e.g. `myreg.azurecr.io`. */
  loginServer?: string;
  repository?: string;
  /** Tag, or digest (`sha256:…`), when the message names one. */
  reference?: string;
  /** The client IP a firewall 403 names (FAQ F07). */
  clientIp?: string;
  /** HTTP status the message quotes. */
  status?: number;
  /** az check-health error title, e.g. CONNECTIVITY_REFRESH_TOKEN_ERROR. */
  azTitle?: string;
  /** DNS resolver the lookup went to (`on 168.63.129.16:53`). */
  resolver?: string;
  /** Address a connection went to (`dial tcp 10.0.0.4:443`). */
  address?: string;
  /** Artifact cache rule named by an upstream-throttling message. */
  cacheRule?: string;
}

/** One reason a message can have, with the checks that confirm or rule it out. */
export interface Cause {
  /** Stable within its family (kebab case). */
  id: string;
  /** One line: the cause, in the user's terms. */
  summary: string;
  /** Check ids (FAQ-MAP.md) whose result decides whether this is the cause. */
  checks: string[];
  /** The next step when this is the cause. */
  fix: string;
}

/** A message family: one row of failure-messages.md, in every wording the tools print. */
export interface MessageFamily {
  /** Stable id (kebab case), used in JSON output and tests. */
  id: string;
  /** Row number in failure-messages.md. */
  row: number;
  /** The message as users quote it (short form). */
  title: string;
  /** What it means, in one or two sentences. */
  meaning: string;
  /**
   * Lower-case literals of 11 characters or more; a line is only tried against `pattern` when it contains
   * one (the pre-filter skips ahead by up to the shortest keyword's length, so short ones slow every scan).
   */
  keywords: string[];
  /**
   * Recognises the message in one line. Must run in linear time: no nested or overlapping quantifiers,
   * every repetition bounded or over a class its neighbours exclude (tested on 1 MB lines).
   */
  pattern: RegExp;
  /** Whether a pattern match is really this family (context the regex cannot say cheaply). */
  accept?(line: string, facts: MessageFacts): boolean;
  /** Causes in order of likelihood before any check ran. */
  causes: Cause[];
  /** Reorders causes from what the message itself says (e.g. a push to docker.io). */
  rank?(facts: MessageFacts, line: string): string[] | undefined;
  /** Families this one is a more specific form of; on the same line only the specific one is reported. */
  supersedes?: string[];
  /** Public sources the wordings and causes come from. */
  sources: string[];
  faq: string[];
}

/** One recognised message in the input. */
export interface Recognition {
  family: MessageFamily;
  /** 1-based line of the first occurrence. */
  line: number;
  /** How many lines matched with the same family and facts. */
  occurrences: number;
  /** The matched line, trimmed to at most 400 characters around the match. */
  excerpt: string;
  facts: MessageFacts;
  /** Causes in order (after `rank`). */
  causes: Cause[];
}
