import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { trustClient } from '../../../../src/core/checks/trust/client';
import { trustTufMetadata } from '../../../../src/core/checks/trust/tuf-metadata';
import { contextFor, presentMachine } from '../support/presentedMachine';

const signal = new AbortController().signal;
const TUF = '/home/dev/.docker/trust/tuf/contoso.azurecr.io';
const root = JSON.stringify({ signed: { _type: 'Root', keys: { a1b2: { keytype: 'ecdsa-x509' }, c3d4: { keytype: 'ecdsa' } }, roles: { root: { keyids: ['a1b2'], threshold: 1 }, targets: { keyids: ['c3d4'], threshold: 1 } } }, signatures: [] });

describe('trust.client', () => {
  test('notary 0.7 is info only: passes, never says "downgrade", points to notation', async () => {
    const system = presentMachine({ programs: { notary: { stdout: 'notary\n Version:    0.7.0\n Git commit: 8ff7b6c\n' } } });
    const outcome = await trustClient.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.notary, '0.7.0');
    assert.doesNotMatch(outcome.summary, /downgrade/i);
    assert.match(outcome.summary, /deprecated \(removal 2028-03-31\)/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /sign-build-push/.test(f.url)));
  });

  test('DOCKER_CONTENT_TRUST=1 warns (unsigned pulls refused, DCT deprecated)', async () => {
    const outcome = await trustClient.run(contextFor({ system: presentMachine({ env: { DOCKER_CONTENT_TRUST: '1' } }) }), signal);
    assert.equal(outcome.status, 'warn');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'unset DOCKER_CONTENT_TRUST'));
  });

  test('healthy machine: no notary, no DCT passes', async () => {
    assert.equal((await trustClient.run(contextFor({ system: presentMachine() }), signal)).status, 'pass');
  });
});

describe('trust.tuf-metadata', () => {
  test('lists trusted repositories (nested names too) with their files and root key ids', async () => {
    const system = presentMachine({
      files: {
        [`${TUF}/team/app/metadata/root.json`]: root,
        [`${TUF}/team/app/metadata/targets.json`]: '{}',
        [`${TUF}/team/app/changelist/x`]: '',
        [`${TUF}/hello/metadata/root.json`]: root,
      },
    });
    const outcome = await trustTufMetadata.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.deepEqual(outcome.evidence?.repositories, ['hello: root.json; root keys a1b2', 'team/app: root.json, targets.json; root keys a1b2']);
  });

  test('a repository without root.json warns with the command to clear it', async () => {
    const system = presentMachine({ files: { [`${TUF}/hello/metadata/targets.json`]: '{}' } });
    const outcome = await trustTufMetadata.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'warn');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === `rm -rf "${TUF}"`));
  });

  test('healthy machine: no trust directory passes', async () => {
    const outcome = await trustTufMetadata.run(contextFor({ system: presentMachine() }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.found, false);
  });
});
