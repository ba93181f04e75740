/**
 * The contract of a diagnostics check (FAQ F20: everything `az acr check-health` does, and what it misses).
 * One check per file under `src/core/checks/<area>/<id-after-the-dot>.ts`, metadata beside `run`.
 * The engine (`engine.ts`) runs them as a dependency graph; adapters (CLI, panel) only render results.
 */
import type { CheckFacts } from './facts';

/** Outcome of one check. `error` means the check itself failed (threw or timed out), not the registry. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** The areas results are grouped by, in the order a report shows them. */
export const CHECK_AREAS = ['docker', 'helm', 'trust', 'net', 'auth', 'registry', 'rbac', 'repo', 'cache', 'tasks'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

/** What a check needs before it can run; the engine skips it with the reason when one is missing. */
export type CheckNeed =
  /** an Azure sign-in and the registry's ARM resource */
  | 'azure'
  /** a registry that is an ACR (management-plane and ACR-only data-plane checks) */
  | 'acr'
  /** `--repository` */
  | 'repository'
  /** a tag or digest as well (`--repository REPO:TAG`) */
  | 'tag'
  /** opt-in checks that change state or cost time/bandwidth (docker.pull, net.throughput upload) */
  | 'opt-in';

/**
 * `error` codes of az acr check-health's error reference (check-health.md), so people who know az find
 * their way; a result names the one its check corresponds to.
 */
export type AzCheckHealthTitle =
  | 'DOCKER_COMMAND_ERROR'
  | 'DOCKER_DAEMON_ERROR'
  | 'DOCKER_VERSION_ERROR'
  | 'DOCKER_PULL_ERROR'
  | 'HELM_COMMAND_ERROR'
  | 'HELM_VERSION_ERROR'
  | 'NOTARY_COMMAND_ERROR'
  | 'NOTARY_VERSION_ERROR'
  | 'CONNECTIVITY_DNS_ERROR'
  | 'CONNECTIVITY_SSL_ERROR'
  | 'CONNECTIVITY_FORBIDDEN_ERROR'
  | 'CONNECTIVITY_CHALLENGE_ERROR'
  | 'CONNECTIVITY_AAD_LOGIN_ERROR'
  | 'CONNECTIVITY_WWW_AUTHENTICATE_ERROR'
  | 'CONNECTIVITY_REFRESH_TOKEN_ERROR'
  | 'CONNECTIVITY_ACCESS_TOKEN_ERROR'
  | 'CONNECTIVITY_TOOMANYREQUESTS_ERROR'
  | 'LOGIN_SERVER_ERROR'
  | 'CMK_ERROR';

export interface CheckMeta {
  /** Stable id from FAQ-MAP.md, e.g. `net.dns`. The file is named after the part after the area. */
  id: string;
  area: CheckArea;
  /** One line, sentence case: what is checked ("DNS resolves the login server"). */
  title: string;
  /** FAQ ids (F01…) this check answers. */
  faq: string[];
  /** az check-health error titles this check corresponds to (first one is shown). */
  azTitles?: AzCheckHealthTitle[];
  needs?: CheckNeed[];
  /** Ids of checks whose result this one reads; when one of them did not pass (or warn), this one is skipped. */
  dependsOn?: string[];
  /** Per-check timeout; the engine's default applies when absent. */
  timeoutMs?: number;
  /** Documentation link shown with every result. */
  docs?: string;
}

/** A fix a person can apply: one of these kinds, each rendered by the adapter (button, printed line). */
export type CheckFix =
  | { kind: 'command'; title: string; command: string }
  | { kind: 'file-edit'; title: string; file: string; line?: number; /** lint rule code whose quick fix applies */ ruleCode?: string }
  | { kind: 'setting'; title: string; setting: string; value: unknown }
  | { kind: 'link'; title: string; url: string };

/**
 * What the check saw, as name → value. Values are JSON-safe and NEVER hold a secret: redact tokens and
 * passwords before they enter evidence (the engine re-checks with the log redactor).
 */
export type CheckEvidence = Record<string, string | number | boolean | null | undefined | string[] | Record<string, unknown>>;

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'error'> | 'error';
  /** One line: what is wrong (or right), why. */
  summary: string;
  evidence?: CheckEvidence;
  fixes?: CheckFix[];
  /** A warning that decides nothing ("cannot tell X from Y"): explain does not take it as confirming a cause. */
  inconclusive?: true;
}

export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  area: CheckArea;
  faq: string[];
  /** The az title this result corresponds to, when the check has one. */
  azTitle?: AzCheckHealthTitle;
  durationMs: number;
}

/** A check: metadata beside the logic. `run` must honour `signal` and never hold secrets in its outcome. */
export interface Check {
  meta: CheckMeta;
  run(context: CheckContext, signal: AbortSignal): Promise<CheckOutcome>;
}

/** The registry under test, as the user named it (and, once known, as ARM names it). */
export interface CheckTarget {
  /** host[:port] as given (may be mixed case; checks judge that). */
  registry: string;
  repository?: string;
  /** tag or digest */
  reference?: string;
  insecureHttp?: boolean;
}

/**
 * Everything a check may use. `facts` are fetched once per run and shared (memoised by the engine):
 * a check that needs the ARM resource or the `/v2/` challenge asks `facts`, never fetches its own.
 * `system` is the machine the probes read (files, processes, environment): tests present any machine.
 * Other fields are added by the engine's owner as checks need them; keep them small interfaces.
 */
export interface CheckContext {
  target: CheckTarget;
  /** Results of the checks named in `dependsOn`, by id. */
  results: ReadonlyMap<string, CheckResult>;
  facts: CheckFacts;
  system: SystemProbe;
  /** Wall-clock now (injectable for role-assignment ages). */
  now(): Date;
  /** The run allows opt-in work inside a check (net.throughput's upload). */
  optIn?: boolean;
}

/** Shared facts, each computed at most once per run (memoised promises): see facts.ts. */
export type { CheckFacts } from './facts';

/** Result of running a program on the presented machine. */
export interface ProgramResult {
  /** false when the program was not found at all */
  found: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
}

/** The machine the environment checks read. The real one is `nodeSystem.ts`; tests present a fake. */
export interface SystemProbe {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  readFile(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  listDir(path: string): Promise<string[] | undefined>;
  run(program: string, args: string[], options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<ProgramResult>;
}

/** Events the engine streams while checks finish (the CLI prints, the panel renders). */
export type CheckEvent =
  | { type: 'started'; id: string }
  | { type: 'finished'; result: CheckResult }
  | { type: 'done'; results: CheckResult[] };
