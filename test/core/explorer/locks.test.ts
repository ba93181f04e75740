// The explorer's lock choices and texts (core/explorer/locks.ts): what each choice sends, what the
// confirmation says before → after per item, and the outcome as the registry reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrNameOf, attributeChangeText, azCommand, LOCK_CHOICES, lockItemName, lockMeaning, lockOutcome, lockTargetOf, planLockChange, unlockChoices, type ExplorerNode, type LockChoice } from '../../../src/core/explorer/index';
import { OperationDisallowedError, type ChangeableAttributes, type LockTarget } from '../../../src/core/registry/index';

const ALL: ChangeableAttributes = { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const tag: LockTarget = { kind: 'tag', repository: 'team/app', tag: 'v1' };
const manifest: LockTarget = { kind: 'manifest', repository: 'team/app', digest: DIGEST };
const repository: LockTarget = { kind: 'repository', repository: 'team/app' };
const choice = (kind: LockChoice['kind']): LockChoice => {
  const found = [...LOCK_CHOICES, ...unlockChoices([{ readEnabled: false }])].find((c) => c.kind === kind);
  assert.ok(found, kind);
  return found;
};

test('the choices send what az sends (Learn: lock, protect from deletion, unlock); read and list only when asked', () => {
  assert.deepEqual(
    LOCK_CHOICES.map((c) => [c.kind, c.attributes, c.azFlags]),
    [
      ['readOnly', { writeEnabled: false }, '--write-enabled false'],
      ['preventDelete', { deleteEnabled: false, writeEnabled: true }, '--delete-enabled false --write-enabled true'],
    ],
  );
  assert.deepEqual(unlockChoices([ALL, { ...ALL, writeEnabled: false }]).map((c) => [c.kind, c.attributes]), [['unlock', { writeEnabled: true, deleteEnabled: true }]]);
  assert.deepEqual(unlockChoices([ALL, { ...ALL, listEnabled: false }]).map((c) => [c.kind, c.attributes]), [
    ['unlock', { writeEnabled: true, deleteEnabled: true }],
    ['unlockAll', { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true }],
  ]);
});

test('before → after: every attribute, an arrow only where it changes', () => {
  assert.equal(attributeChangeText(ALL, { ...ALL, writeEnabled: false }), 'write: enabled → disabled · delete: enabled · read: enabled · list: enabled');
  assert.equal(attributeChangeText({ writeEnabled: false, deleteEnabled: false, readEnabled: false, listEnabled: true }, { writeEnabled: true, deleteEnabled: true, readEnabled: false, listEnabled: true }), 'write: disabled → enabled · delete: disabled → enabled · read: disabled · list: enabled');
  assert.equal(attributeChangeText({}, { writeEnabled: false }), 'write: unknown → disabled · delete: unknown · read: unknown · list: unknown');
});

test('one tag, read-only: the exact dialog', () => {
  const plan = planLockChange(choice('readOnly'), [{ target: tag, current: ALL }], 'myregistry');
  assert.equal(plan.message, 'Lock the tag team/app:v1 read-only?');
  assert.equal(plan.confirm, 'Lock');
  assert.equal(
    plan.detail,
    [
      '• tag team/app:v1 — write: enabled → disabled · delete: enabled · read: enabled · list: enabled',
      '',
      'A read-only tag cannot be pushed over (it keeps pointing at the same image), untagged or deleted; other tags of that image are not locked.',
      '',
      'Same as: az acr repository update --name myregistry --image team/app:v1 --write-enabled false',
      '',
      'Undo with "Unlock…" on the same items.',
    ].join('\n'),
  );
  assert.deepEqual(plan.items.map((i) => [i.changes, i.after]), [[true, { ...ALL, writeEnabled: false }]]);
});

test('a multi-selection lists every item, says which ones do not change, and explains tag, manifest and repository locks apart', () => {
  const plan = planLockChange(choice('readOnly'), [
    { target: tag, current: ALL },
    { target: { kind: 'tag', repository: 'team/app', tag: 'v2' }, current: { ...ALL, writeEnabled: false } },
    { target: manifest, current: { ...ALL, deleteEnabled: false } },
    { target: repository, current: ALL },
  ]);
  assert.equal(plan.message, 'Lock 2 tags, 1 manifest and 1 repository read-only?');
  assert.equal(plan.confirm, 'Lock 3');
  assert.equal(
    plan.detail,
    [
      '• tag team/app:v1 — write: enabled → disabled · delete: enabled · read: enabled · list: enabled',
      '• tag team/app:v2 — no change (write: disabled · delete: enabled · read: enabled · list: enabled)',
      `• manifest team/app@${DIGEST} — write: enabled → disabled · delete: disabled · read: enabled · list: enabled`,
      '• repository team/app — write: enabled → disabled · delete: enabled · read: enabled · list: enabled',
      '',
      'A read-only tag cannot be pushed over (it keeps pointing at the same image), untagged or deleted; other tags of that image are not locked.',
      '',
      'A read-only manifest (the image by its digest) cannot be deleted, which would also remove its tags. Its tags have locks of their own: to keep a tag from being pushed over, lock the tag.',
      '',
      'A read-only repository covers every image and tag in it: no push into it (no new or moved tags) and no delete of the repository, its tags or its images. Pulls still work.',
      '',
      'Undo with "Unlock…" on the same items.',
    ].join('\n'),
  );
  assert.deepEqual(plan.items.map((i) => i.changes), [true, false, true, true]);
});

test('prevent deletion re-enables write (az: --write-enabled true) and says so per item', () => {
  const plan = planLockChange(choice('preventDelete'), [{ target: tag, current: { ...ALL, writeEnabled: false } }]);
  assert.equal(plan.message, 'Prevent deletion of the tag team/app:v1?');
  assert.equal(plan.confirm, 'Prevent Deletion');
  assert.match(plan.detail, /^• tag team\/app:v1 — write: disabled → enabled · delete: enabled → disabled · read: enabled · list: enabled\n/);
  assert.match(plan.detail, /cannot be untagged or deleted, but it can still be pushed over/);
});

test('unlock leaves pull and listing as they are and says so; "unlock all" re-enables them', () => {
  const current = { writeEnabled: false, deleteEnabled: false, readEnabled: false, listEnabled: true };
  const plan = planLockChange(choice('unlock'), [{ target: repository, current }], 'myregistry');
  assert.equal(plan.message, 'Unlock the repository team/app?');
  assert.equal(
    plan.detail,
    [
      '• repository team/app — write: disabled → enabled · delete: disabled → enabled · read: disabled · list: enabled',
      '',
      'Push and delete are allowed in the repository again. Tags and manifests keep their own locks: unlocking the repository does not unlock them.',
      '',
      'Pull or listing stays disabled on the repository team/app: this change leaves read and list as they are.',
      '',
      'Same as: az acr repository update --name myregistry --repository team/app --write-enabled true --delete-enabled true',
      '',
      'Lock again with "Lock…".',
    ].join('\n'),
  );
  const all = planLockChange(choice('unlockAll'), [{ target: repository, current }]);
  assert.equal(all.message, 'Unlock the repository team/app, and allow pull and listing again?');
  assert.match(all.detail, /read: disabled → enabled/);
  assert.doesNotMatch(all.detail, /stays disabled/);
});

test('nothing to change: no confirm button, a message saying so', () => {
  const plan = planLockChange(choice('unlock'), [{ target: tag, current: ALL }]);
  assert.equal(plan.confirm, undefined);
  assert.equal(plan.message, 'The tag team/app:v1 is already unlocked: nothing to change.');
  const many = planLockChange(choice('readOnly'), [{ target: tag, current: { ...ALL, writeEnabled: false } }, { target: manifest, current: { ...ALL, writeEnabled: false } }]);
  assert.equal(many.message, 'All 2 items are already read-only: nothing to change.');
});

test('names from the registry are shown escaped in the dialog', () => {
  assert.equal(lockItemName({ kind: 'tag', repository: 'team/app', tag: 'v1\u202egnp' }), 'tag team/app:v1\\u{202e}gnp');
  assert.equal(lockItemName(manifest, { shortDigests: true }), 'manifest team/app@sha256:abababababab');
});

test('meaning table: a tag lock pins the tag, a manifest lock protects the digest, a repository lock covers every image', () => {
  assert.match(lockMeaning('readOnly', 'tag'), /cannot be pushed over/);
  assert.match(lockMeaning('readOnly', 'manifest'), /by its digest\) cannot be deleted.*Its tags have locks of their own/);
  assert.match(lockMeaning('readOnly', 'repository'), /covers every image and tag in it/);
  assert.match(lockMeaning('preventDelete', 'manifest'), /pushes are not affected/);
  assert.match(lockMeaning('unlock', 'tag'), /unless its repository is locked/);
});

test('az command for each kind of item', () => {
  assert.equal(azCommand('reg', manifest, choice('readOnly')), `az acr repository update --name reg --image team/app@${DIGEST} --write-enabled false`);
  assert.equal(azCommand('reg', repository, choice('preventDelete')), 'az acr repository update --name reg --repository team/app --delete-enabled false --write-enabled true');
});

test('outcome: info when the registry reports what was asked, a warning naming each item that failed or differs', () => {
  assert.deepEqual(lockOutcome(choice('readOnly'), [{ target: tag, reported: { ...ALL, writeEnabled: false } }]), { level: 'info', text: 'Locked read-only: tag team/app:v1 (now locked: no write).' });
  assert.deepEqual(lockOutcome(choice('unlock'), [{ target: tag, reported: ALL }, { target: repository, reported: ALL }]), { level: 'info', text: 'Unlocked: 2 items.' });
  const refused = new OperationDisallowedError('The registry disallowed the operation while changing the lock of the tag team/app:v2 (HTTP 405).');
  assert.deepEqual(
    lockOutcome(choice('readOnly'), [
      { target: tag, reported: { ...ALL, writeEnabled: false } },
      { target: manifest, reported: ALL },
      { target: { kind: 'tag', repository: 'team/app', tag: 'v2' }, error: refused },
    ]),
    {
      level: 'warning',
      text: 'Locked read-only: tag team/app:v1 (now locked: no write). Not done for 2: manifest team/app@sha256:abababababab: the registry reports write enabled (unlocked); tag team/app:v2: The registry disallowed the operation while changing the lock of the tag team/app:v2 (HTTP 405).',
    },
  );
  assert.deepEqual(lockOutcome(choice('unlock'), [{ target: tag, error: new Error('boom') }]), { level: 'warning', text: 'Unlocked: not done for the item: tag team/app:v1: boom' });
});

test('lock targets of nodes: only ACR tags, manifests (untagged, platform) and repositories', () => {
  const node = (extra: Partial<ExplorerNode>): ExplorerNode => ({ type: 'tag', id: 'x', label: 'x', icon: 'tag', expandable: false, contextValue: '', repository: 'team/app', ...extra });
  assert.deepEqual(lockTargetOf(node({ type: 'tag', tag: 'v1', contextValue: 'tag acr locked' })), tag);
  assert.equal(lockTargetOf(node({ type: 'tag', tag: 'v1', contextValue: 'tag' })), undefined, 'plain v2 tag');
  assert.deepEqual(lockTargetOf(node({ type: 'manifest', digest: DIGEST, contextValue: 'manifest untagged acr' })), manifest);
  assert.deepEqual(lockTargetOf(node({ type: 'platform', digest: DIGEST, contextValue: 'platform manifest acr' })), manifest);
  assert.deepEqual(lockTargetOf(node({ type: 'repository', contextValue: 'repository acr' })), repository);
  assert.equal(lockTargetOf(node({ type: 'referrer', digest: DIGEST, contextValue: 'referrer manifest' })), undefined);
  assert.equal(lockTargetOf(node({ type: 'registry', contextValue: 'registry configured acr' })), undefined);
});

test('ACR name for the az command: ARM name, else the login server\'s first label; none for other hosts', () => {
  assert.equal(acrNameOf({ host: 'MyReg.azurecr.io', insecureHttp: false, source: 'configured' }), 'myreg');
  assert.equal(acrNameOf({ host: '127.0.0.1:5000', insecureHttp: false, source: 'configured' }), undefined);
  assert.equal(acrNameOf({ host: 'x-hash.azurecr.io', insecureHttp: false, source: 'azure', azure: { name: 'x', resourceGroup: 'rg', subscriptionId: 's', id: '/x', sku: 'Premium', location: 'westeurope' } }), 'x');
});

test('a large multi-selection lists every item (nothing is changed that the dialog did not name)', () => {
  const targets: LockTarget[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'tag', repository: 'team/app', tag: `v${i}` }));
  const plan = planLockChange(choice('preventDelete'), targets.map((target) => ({ target, current: ALL })));
  assert.equal(plan.message, 'Prevent deletion of 60 tags?');
  assert.equal(plan.confirm, 'Prevent Deletion 60');
  for (let i = 0; i < 60; i++) assert.ok(plan.detail.includes(`• tag team/app:v${i} — write: enabled · delete: enabled → disabled`), `v${i}`);
});
