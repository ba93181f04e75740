/**
 * Locking and unlocking ACR repositories, tags and manifests from the explorer (FAQ F32): the choices
 * and what each means, the exact "what will change" text a confirmation shows (before → after per
 * item), and the outcome as the registry reports it. Pure functions, no I/O.
 *
 * The choices are az's (Learn "Lock a container image in an Azure container registry"):
 * lock = `az acr repository update --write-enabled false` (no push over it, no delete: ACR refuses a
 * delete of a write-disabled item even when deleteEnabled is true, Azure/acr-cli #70 in
 * ../shared/reference/failure-messages.md row 9); prevent deletion = `--delete-enabled false
 * --write-enabled true`; unlock = `--delete-enabled true --write-enabled true`. Read and list are left
 * as they are unless the user picks "also allow pull and listing". ACR keeps these attributes
 * separately on the repository, on each tag and on each manifest (acr-recorded README fact 8), and a
 * repository's lock covers every image in it.
 */
import type { ChangeableAttributes, LockTarget } from '../registry/index';
import { escapeName, lockState, shortDigest } from './format';
import type { ExplorerNode, RegistryTarget } from './nodes';
import { isAcrHost } from '../reference/imageReference';

/**
 * What a node's lock sits on: a tag, a manifest (untagged or a platform manifest, by digest) or a
 * repository, on an ACR (`acr` in its contextValue); undefined for anything else.
 */
export function lockTargetOf(node: ExplorerNode): LockTarget | undefined {
  if (!/\bacr\b/.test(node.contextValue) || !node.repository) return undefined;
  if (node.type === 'repository') return { kind: 'repository', repository: node.repository };
  if (node.type === 'tag' && node.tag !== undefined) return { kind: 'tag', repository: node.repository, tag: node.tag };
  if ((node.type === 'manifest' || node.type === 'platform') && node.digest) return { kind: 'manifest', repository: node.repository, digest: node.digest };
  return undefined;
}

/** The registry's ACR name for an az command: ARM's name, else the first label of an `*.azurecr.*` login server. */
export function acrNameOf(target: RegistryTarget | undefined): string | undefined {
  if (!target) return undefined;
  if (target.azure) return target.azure.name;
  return isAcrHost(target.host) ? target.host.split('.')[0]?.toLowerCase() : undefined;
}

export type LockChoiceKind = 'readOnly' | 'preventDelete' | 'unlock' | 'unlockAll';

export interface LockChoice {
  kind: LockChoiceKind;
  /** Quick pick label. */
  label: string;
  /** The az flags that do the same. */
  azFlags: string;
  /** One sentence: what is refused afterwards and what still works. */
  detail: string;
  /** What is sent (PATCH body). */
  attributes: ChangeableAttributes;
}

const READ_ONLY: LockChoice = {
  kind: 'readOnly',
  label: 'Read-only lock',
  azFlags: '--write-enabled false',
  detail: 'No push over it and no delete or untag; pulls still work.',
  attributes: { writeEnabled: false },
};
const PREVENT_DELETE: LockChoice = {
  kind: 'preventDelete',
  label: 'Prevent deletion',
  azFlags: '--delete-enabled false --write-enabled true',
  detail: 'Delete and untag are refused; pushes still work (a tag can still be pushed over).',
  attributes: { deleteEnabled: false, writeEnabled: true },
};
const UNLOCK: LockChoice = {
  kind: 'unlock',
  label: 'Unlock',
  azFlags: '--write-enabled true --delete-enabled true',
  detail: 'Push and delete allowed again; pull and listing are left as they are.',
  attributes: { writeEnabled: true, deleteEnabled: true },
};
const UNLOCK_ALL: LockChoice = {
  kind: 'unlockAll',
  label: 'Unlock, and allow pull and listing again',
  azFlags: '--write-enabled true --delete-enabled true --read-enabled true --list-enabled true',
  detail: 'Push, delete, pull and listing all allowed again.',
  attributes: { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true },
};

/** The "Lock…" quick pick. */
export const LOCK_CHOICES: readonly LockChoice[] = [READ_ONLY, PREVENT_DELETE];

/** The "Unlock…" choices: the second only when something selected has pull or listing disabled (nothing to ask otherwise). */
export function unlockChoices(current: readonly ChangeableAttributes[]): readonly LockChoice[] {
  return current.some((attrs) => attrs.readEnabled === false || attrs.listEnabled === false) ? [UNLOCK, UNLOCK_ALL] : [UNLOCK];
}

/**
 * What the choice means for this kind of item. A tag lock and a manifest lock differ: the tag lock pins
 * the tag name (no push over it, no untag); the manifest lock protects the image by digest, and its
 * tags keep their own locks.
 */
export function lockMeaning(kind: LockChoiceKind, item: LockTarget['kind']): string {
  const table: Record<LockChoiceKind, Record<LockTarget['kind'], string>> = {
    readOnly: {
      tag: 'A read-only tag cannot be pushed over (it keeps pointing at the same image), untagged or deleted; other tags of that image are not locked.',
      manifest: 'A read-only manifest (the image by its digest) cannot be deleted, which would also remove its tags. Its tags have locks of their own: to keep a tag from being pushed over, lock the tag.',
      repository: 'A read-only repository covers every image and tag in it: no push into it (no new or moved tags) and no delete of the repository, its tags or its images. Pulls still work.',
    },
    preventDelete: {
      tag: 'The tag cannot be untagged or deleted, but it can still be pushed over (moved to another image).',
      manifest: 'The image (by its digest) cannot be deleted; pushes are not affected.',
      repository: 'Nothing in the repository can be deleted (the repository, its tags, its images); pushes still work.',
    },
    unlock: {
      tag: 'The tag can be pushed over, untagged and deleted again, unless its repository is locked.',
      manifest: 'The image can be deleted again, unless its repository is locked.',
      repository: 'Push and delete are allowed in the repository again. Tags and manifests keep their own locks: unlocking the repository does not unlock them.',
    },
    unlockAll: {
      tag: 'The tag can be pulled, listed, pushed over, untagged and deleted again, unless its repository is locked.',
      manifest: 'The image can be pulled, listed and deleted again, unless its repository is locked.',
      repository: 'Pull, listing, push and delete are allowed in the repository again. Tags and manifests keep their own locks.',
    },
  };
  return table[kind][item];
}

/** How an item is named in the dialog and messages: kind, then the name (escaped: registry text), digests in full. */
export function lockItemName(target: LockTarget, options: { shortDigests?: boolean } = {}): string {
  const repo = escapeName(target.repository).text;
  if (target.kind === 'repository') return `repository ${repo}`;
  if (target.kind === 'tag') return `tag ${repo}:${escapeName(target.tag).text}`;
  return `manifest ${repo}@${options.shortDigests ? (shortDigest(target.digest) ?? target.digest) : target.digest}`;
}

const ATTRIBUTES: ReadonlyArray<{ key: keyof ChangeableAttributes; name: string }> = [
  { key: 'writeEnabled', name: 'write' },
  { key: 'deleteEnabled', name: 'delete' },
  { key: 'readEnabled', name: 'read' },
  { key: 'listEnabled', name: 'list' },
];

function stateWord(value: boolean | undefined): string {
  return value === undefined ? 'unknown' : value ? 'enabled' : 'disabled';
}

/** "write: enabled → disabled · delete: enabled · read: enabled · list: enabled": every attribute, an arrow where it changes. */
export function attributeChangeText(before: ChangeableAttributes, after: ChangeableAttributes): string {
  return ATTRIBUTES.map(({ key, name }) => (before[key] === after[key] ? `${name}: ${stateWord(before[key])}` : `${name}: ${stateWord(before[key])} → ${stateWord(after[key])}`)).join(' · ');
}

export interface LockPlanItem {
  target: LockTarget;
  before: ChangeableAttributes;
  after: ChangeableAttributes;
  /** Something differs, so it is sent. */
  changes: boolean;
  /** "• tag app:v1 — write: enabled → disabled · delete: enabled · …" (or "— no change (…)"). */
  line: string;
}

export interface LockPlan {
  choice: LockChoice;
  items: LockPlanItem[];
  /** The dialog's message (one line). */
  message: string;
  /** The dialog's detail: every item before → after, what it means, how to undo. */
  detail: string;
  /** The confirm button; undefined when nothing would change (then `message` says so and no dialog is needed). */
  confirm?: string;
}

function countText(targets: readonly LockTarget[]): string {
  const counts = new Map<LockTarget['kind'], number>();
  for (const target of targets) counts.set(target.kind, (counts.get(target.kind) ?? 0) + 1);
  const names: Record<LockTarget['kind'], [string, string]> = { tag: ['tag', 'tags'], manifest: ['manifest', 'manifests'], repository: ['repository', 'repositories'] };
  const parts = (['tag', 'manifest', 'repository'] as const).filter((kind) => counts.has(kind)).map((kind) => `${counts.get(kind)} ${names[kind][counts.get(kind) === 1 ? 0 : 1]}`);
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function messageFor(choice: LockChoice, subject: string): string {
  switch (choice.kind) {
    case 'readOnly':
      return `Lock ${subject} read-only?`;
    case 'preventDelete':
      return `Prevent deletion of ${subject}?`;
    case 'unlock':
      return `Unlock ${subject}?`;
    case 'unlockAll':
      return `Unlock ${subject}, and allow pull and listing again?`;
  }
}

function confirmFor(choice: LockChoice, count: number): string {
  const base = choice.kind === 'readOnly' ? 'Lock' : choice.kind === 'preventDelete' ? 'Prevent Deletion' : 'Unlock';
  return count === 1 ? base : `${base} ${count}`;
}

/**
 * The confirmation for applying `choice` to items whose current attributes were just read. Items
 * already in the chosen state are listed as "no change" and not sent. `registryName` (the ACR name)
 * adds the az command that does the same, for a single item.
 */
export function planLockChange(choice: LockChoice, items: ReadonlyArray<{ target: LockTarget; current: ChangeableAttributes }>, registryName?: string): LockPlan {
  const planned: LockPlanItem[] = items.map(({ target, current }) => {
    const after = { ...current, ...choice.attributes };
    const changes = ATTRIBUTES.some(({ key }) => after[key] !== current[key]);
    const text = attributeChangeText(current, after);
    return { target, before: current, after, changes, line: `• ${lockItemName(target)} — ${changes ? text : `no change (${text})`}` };
  });
  const sending = planned.filter((item) => item.changes);
  // Every item, however many: nothing changes on a multi-selection that the dialog did not list.
  const listed = planned.map((item) => item.line);
  if (sending.length === 0) {
    const subject = planned.length === 1 && planned[0] ? `The ${lockItemName(planned[0].target)} is` : `All ${planned.length} items are`;
    return { choice, items: planned, message: `${subject} already ${choice.kind === 'readOnly' ? 'read-only' : choice.kind === 'preventDelete' ? 'protected from deletion' : 'unlocked'}: nothing to change.`, detail: listed.join('\n') };
  }
  const subject = planned.length === 1 && planned[0] ? `the ${lockItemName(planned[0].target)}` : countText(planned.map((item) => item.target));
  const kinds = [...new Set(sending.map((item) => item.target.kind))];
  const notes: string[] = kinds.map((kind) => lockMeaning(choice.kind, kind));
  const stillOff = sending.filter((item) => item.after.readEnabled === false || item.after.listEnabled === false);
  if (stillOff.length > 0) {
    notes.push(`Pull or listing stays disabled on ${stillOff.length === 1 && stillOff[0] ? `the ${lockItemName(stillOff[0].target)}` : `${stillOff.length} of these`}: this change leaves read and list as they are.`);
  }
  const single = sending.length === 1 && planned.length === 1 ? sending[0] : undefined;
  if (single && registryName) notes.push(`Same as: ${azCommand(registryName, single.target, choice)}`);
  notes.push(choice.kind === 'readOnly' || choice.kind === 'preventDelete' ? 'Undo with "Unlock…" on the same items.' : 'Lock again with "Lock…".');
  return { choice, items: planned, message: messageFor(choice, subject), detail: `${listed.join('\n')}\n\n${notes.join('\n\n')}`, confirm: confirmFor(choice, sending.length) };
}

/** The az command that makes the same change (names as the registry has them: only for display). */
export function azCommand(registryName: string, target: LockTarget, choice: LockChoice): string {
  const where = target.kind === 'repository' ? `--repository ${target.repository}` : `--image ${target.repository}${target.kind === 'tag' ? `:${target.tag}` : `@${target.digest}`}`;
  return `az acr repository update --name ${registryName} ${where} ${choice.azFlags}`;
}

export interface LockResult {
  target: LockTarget;
  /** All four attributes as the registry reported them after the PATCH. */
  reported?: ChangeableAttributes;
  error?: unknown;
}

/**
 * What to tell the user afterwards: info when every item now has what was asked (as the registry
 * reports it), else a warning naming each item that failed or where the registry reports otherwise.
 */
export function lockOutcome(choice: LockChoice, results: readonly LockResult[]): { level: 'info' | 'warning'; text: string } {
  const problems: string[] = [];
  const done: LockResult[] = [];
  for (const result of results) {
    const name = lockItemName(result.target, { shortDigests: true });
    if (result.error !== undefined || !result.reported) {
      problems.push(`${name}: ${result.error instanceof Error ? result.error.message : String(result.error ?? 'no answer')}`);
      continue;
    }
    const reported = result.reported;
    const differs = ATTRIBUTES.filter(({ key }) => choice.attributes[key] !== undefined && reported[key] !== choice.attributes[key]);
    if (differs.length > 0) problems.push(`${name}: the registry reports ${differs.map(({ key, name: attr }) => `${attr} ${stateWord(reported[key])}`).join(', ')} (${lockState(reported).text})`);
    else done.push(result);
  }
  const verb = choice.kind === 'readOnly' ? 'Locked read-only' : choice.kind === 'preventDelete' ? 'Protected from deletion' : 'Unlocked';
  const doneText = done.length === 1 && done[0] ? `${verb}: ${lockItemName(done[0].target, { shortDigests: true })} (now ${lockState(done[0].reported).text}).` : `${verb}: ${done.length} item${done.length === 1 ? '' : 's'}.`;
  if (problems.length === 0) return { level: 'info', text: doneText };
  const head = done.length > 0 ? `${doneText} Not done for ${problems.length}:` : `${verb}: not done for ${problems.length === 1 ? 'the item' : `${problems.length} items`}:`;
  return { level: 'warning', text: `${head} ${problems.join('; ')}` };
}
