import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BUILT_IN_CLOUDS, loginServerFor } from '../../../src/core/azure/clouds';
import { ACR_LOGIN_SERVER_SUFFIXES } from '../../../src/core/reference/acrLoginServerSuffixes';
import { isAcrHost, parseImageReference } from '../../../src/core/reference/imageReference';
import type { ReferenceErrorKind } from '../../../src/core/reference/imageReference';

const HEX64 = 'a'.repeat(64);

interface ValidCase {
  input: string;
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
  registry: string;
  normalizedPath: string;
}

const VALID: ValidCase[] = [
  { input: 'ubuntu', path: 'ubuntu', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'ubuntu:22.04', path: 'ubuntu', tag: '22.04', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'library/ubuntu', path: 'library/ubuntu', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'docker.io/library/ubuntu:latest', domain: 'docker.io', path: 'library/ubuntu', tag: 'latest', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'index.docker.io/ubuntu', domain: 'index.docker.io', path: 'ubuntu', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'myorg/app', path: 'myorg/app', registry: 'docker.io', normalizedPath: 'myorg/app' },
  { input: 'localhost/app', domain: 'localhost', path: 'app', registry: 'localhost', normalizedPath: 'app' },
  { input: 'localhost:5000/foo', domain: 'localhost:5000', path: 'foo', registry: 'localhost:5000', normalizedPath: 'foo' },
  { input: 'localhost:5000/foo/bar:v1', domain: 'localhost:5000', path: 'foo/bar', tag: 'v1', registry: 'localhost:5000', normalizedPath: 'foo/bar' },
  { input: '[::1]:5000/foo', domain: '[::1]:5000', path: 'foo', registry: '[::1]:5000', normalizedPath: 'foo' },
  { input: '[2001:db8::1]/foo:1', domain: '[2001:db8::1]', path: 'foo', tag: '1', registry: '[2001:db8::1]', normalizedPath: 'foo' },
  // Without a "/" a "host:port" is a Docker Hub image with a tag.
  { input: 'localhost:5000', path: 'localhost', tag: '5000', registry: 'docker.io', normalizedPath: 'library/localhost' },
  { input: 'myreg.azurecr.io/team/app:1.0', domain: 'myreg.azurecr.io', path: 'team/app', tag: '1.0', registry: 'myreg.azurecr.io', normalizedPath: 'team/app' },
  // Upper case is valid in a host (ACR102 explains why it still fails to authenticate).
  { input: 'MyReg.azurecr.io/app', domain: 'MyReg.azurecr.io', path: 'app', registry: 'MyReg.azurecr.io', normalizedPath: 'app' },
  { input: 'MyOrg/app', domain: 'MyOrg', path: 'app', registry: 'MyOrg', normalizedPath: 'app' },
  { input: `ubuntu@sha256:${HEX64}`, path: 'ubuntu', digest: `sha256:${HEX64}`, registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: `ubuntu:22.04@sha256:${HEX64}`, path: 'ubuntu', tag: '22.04', digest: `sha256:${HEX64}`, registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'a.b-c--d/e__f', domain: 'a.b-c--d', path: 'e__f', registry: 'a.b-c--d', normalizedPath: 'e__f' },
  { input: 'abc_def/g--h.i__j', path: 'abc_def/g--h.i__j', registry: 'docker.io', normalizedPath: 'abc_def/g--h.i__j' },
  { input: 'ubuntu:Latest_1.0-rc', path: 'ubuntu', tag: 'Latest_1.0-rc', registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: `ubuntu:_${'a'.repeat(127)}`, path: 'ubuntu', tag: `_${'a'.repeat(127)}`, registry: 'docker.io', normalizedPath: 'library/ubuntu' },
  { input: 'mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022', domain: 'mcr.microsoft.com', path: 'dotnet/framework/sdk', tag: '4.8-windowsservercore-ltsc2022', registry: 'mcr.microsoft.com', normalizedPath: 'dotnet/framework/sdk' },
  { input: 'my-registry.example.com:443/a/b/c/d', domain: 'my-registry.example.com:443', path: 'a/b/c/d', registry: 'my-registry.example.com:443', normalizedPath: 'a/b/c/d' },
];

describe('parseImageReference: valid references', () => {
  for (const c of VALID) {
    test(c.input.length > 60 ? `${c.input.slice(0, 60)}…` : c.input, () => {
      const ref = parseImageReference(c.input);
      assert.equal(ref.error, undefined, ref.error?.detail);
      assert.equal(ref.domain?.value, c.domain);
      assert.equal(ref.path.value, c.path);
      assert.equal(ref.tag?.value, c.tag);
      assert.equal(ref.digest?.value, c.digest);
      assert.equal(ref.registry, c.registry);
      assert.equal(ref.normalizedPath, c.normalizedPath);
      // Offsets point at exactly the text of each part.
      for (const part of [ref.domain, ref.path, ref.tag, ref.digest]) {
        if (part) assert.equal(c.input.slice(part.start, part.end), part.value);
      }
    });
  }
});

interface InvalidCase {
  input: string;
  kind: ReferenceErrorKind;
  /** The offending text, by offsets. */
  at: string;
  docker: string;
}

const INVALID: InvalidCase[] = [
  { input: '', kind: 'empty', at: '', docker: 'repository name must have at least one component' },
  { input: 'Ubuntu', kind: 'uppercase-repository', at: 'Ubuntu', docker: 'invalid reference format: repository name (library/Ubuntu) must be lowercase' },
  { input: 'Ubuntu:22.04', kind: 'uppercase-repository', at: 'Ubuntu', docker: 'invalid reference format: repository name (library/Ubuntu) must be lowercase' },
  { input: 'myorg/App:1', kind: 'uppercase-repository', at: 'myorg/App', docker: 'invalid reference format: repository name (myorg/App) must be lowercase' },
  { input: 'myreg.azurecr.io/Team/app', kind: 'uppercase-repository', at: 'Team/app', docker: 'invalid reference format: repository name (Team/app) must be lowercase' },
  { input: 'https://myreg.azurecr.io/app', kind: 'scheme', at: 'https://', docker: 'invalid reference format' },
  { input: 'oci://x/y', kind: 'scheme', at: 'oci://', docker: 'invalid reference format' },
  { input: HEX64, kind: 'identifier', at: HEX64, docker: `invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings` },
  { input: 'ubuntu:', kind: 'invalid-tag', at: '', docker: 'invalid reference format' },
  { input: 'ubuntu:-1', kind: 'invalid-tag', at: '-1', docker: 'invalid reference format' },
  { input: 'ubuntu:a+b', kind: 'invalid-tag', at: 'a+b', docker: 'invalid reference format' },
  { input: `ubuntu:${'a'.repeat(129)}`, kind: 'invalid-tag', at: 'a'.repeat(129), docker: 'invalid reference format' },
  { input: 'ubuntu@sha256:abc', kind: 'invalid-digest', at: 'sha256:abc', docker: 'invalid reference format' },
  { input: 'ubuntu@', kind: 'invalid-digest', at: '', docker: 'invalid reference format' },
  { input: `ubuntu@sha256:${'a'.repeat(63)}`, kind: 'invalid-digest', at: `sha256:${'a'.repeat(63)}`, docker: 'invalid checksum digest length' },
  { input: `ubuntu@md5:${'a'.repeat(32)}`, kind: 'invalid-digest', at: `md5:${'a'.repeat(32)}`, docker: 'unsupported digest algorithm' },
  { input: `ubuntu@sha256:${'A'.repeat(64)}`, kind: 'invalid-digest', at: `sha256:${'A'.repeat(64)}`, docker: 'invalid checksum digest format' },
  { input: 'foo//bar', kind: 'empty-component', at: '/', docker: 'invalid reference format' },
  { input: 'foo/', kind: 'empty-component', at: '', docker: 'invalid reference format' },
  { input: '/foo', kind: 'empty-component', at: '/', docker: 'invalid reference format' },
  { input: 'myreg.azurecr.io/', kind: 'empty-component', at: '', docker: 'invalid reference format' },
  { input: ':tag', kind: 'empty-component', at: '', docker: 'invalid reference format' },
  { input: 'foo..bar', kind: 'bad-separator', at: 'foo..bar', docker: 'invalid reference format' },
  { input: 'foo___bar', kind: 'bad-separator', at: 'foo___bar', docker: 'invalid reference format' },
  { input: '-foo', kind: 'bad-separator', at: '-foo', docker: 'invalid reference format' },
  { input: 'foo-/bar', kind: 'bad-separator', at: 'foo-', docker: 'invalid reference format' },
  { input: 'foo/b!ar', kind: 'bad-separator', at: 'b!ar', docker: 'invalid reference format' },
  { input: 'a:b:c', kind: 'bad-separator', at: 'a:b', docker: 'invalid reference format' },
  // A first component with "." is a host, and "_" is not allowed in host names.
  { input: 'a.b_c/g', kind: 'invalid-domain', at: 'a.b_c', docker: 'invalid reference format' },
  { input: 'my_reg.io/foo', kind: 'invalid-domain', at: 'my_reg.io', docker: 'invalid reference format' },
  { input: 'host:port/foo', kind: 'invalid-domain', at: 'host:port', docker: 'invalid reference format' },
  { input: '-host.io/foo', kind: 'invalid-domain', at: '-host.io', docker: 'invalid reference format' },
  { input: 'host..io/foo', kind: 'invalid-domain', at: 'host..io', docker: 'invalid reference format' },
  { input: '[::1/foo', kind: 'invalid-domain', at: '[::1', docker: 'invalid reference format' },
  { input: '[zz::1]:5000/foo', kind: 'invalid-domain', at: '[zz::1]:5000', docker: 'invalid reference format' },
  { input: `myreg.azurecr.io/${'a'.repeat(250)}`, kind: 'too-long', at: `myreg.azurecr.io/${'a'.repeat(250)}`, docker: 'repository name must not be more than 255 characters' },
];

describe('parseImageReference: invalid references', () => {
  for (const c of INVALID) {
    test(`${c.input.length > 50 ? `${c.input.slice(0, 50)}…` : c.input || '(empty)'} → ${c.kind}`, () => {
      const ref = parseImageReference(c.input);
      assert.ok(ref.error, 'expected an error');
      assert.equal(ref.error.kind, c.kind, ref.error.detail);
      assert.equal(c.input.slice(ref.error.start, ref.error.end), c.at);
      assert.equal(ref.error.dockerMessage, c.docker);
      assert.ok(ref.error.detail.length > 10);
    });
  }

  test('a scheme is reported and the rest is still split (so other rules can see the host)', () => {
    const ref = parseImageReference('https://MyReg.azurecr.io/app:1');
    assert.equal(ref.error?.kind, 'scheme');
    assert.equal(ref.scheme?.value, 'https://');
    assert.equal(ref.domain?.value, 'MyReg.azurecr.io');
    assert.equal(ref.domain?.start, 8);
    assert.equal(ref.tag?.value, '1');
  });

  test('upper case in the first component makes it a host (splitDockerDomain), not a path', () => {
    const ref = parseImageReference('MyOrg/App');
    assert.equal(ref.domainReason, 'uppercase');
    assert.equal(ref.domain?.value, 'MyOrg');
    assert.equal(ref.error?.kind, 'uppercase-repository');
    assert.equal(ref.error?.dockerMessage, 'invalid reference format: repository name (App) must be lowercase');
    assert.equal(parseImageReference('myorg/app').domainReason, undefined);
    assert.equal(parseImageReference('localhost/app').domainReason, 'localhost');
    assert.equal(parseImageReference('host:5000/app').domainReason, 'port');
    assert.equal(parseImageReference('a.b/app').domainReason, 'dot');
  });
});

describe('isAcrHost', () => {
  const yes = ['myreg.azurecr.io', 'MyReg.AzureCR.io', 'myreg.azurecr.cn', 'myreg.azurecr.us', 'myreg.azurecr.io:443', 'myreg-abc123hash.azurecr.io', 'myreg.westeurope.data.azurecr.io', 'myreg.eastus.geo.azurecr.io', 'myreg.azurecr.microsoft.scloud', 'myreg.azurecr.eaglex.ic.gov'];
  const no = ['azurecr.io', '.azurecr.io', 'myreg.azurecr.io.evil.com', 'myregazurecr.io', 'myreg.azurecr.com', 'mcr.microsoft.com', 'docker.io', 'myreg.azurecr', '-x.azurecr.io', 'my_reg.azurecr.io', ''];
  for (const host of yes) test(`${host} is an ACR host`, () => assert.equal(isAcrHost(host), true));
  for (const host of no) test(`${host || '(empty)'} is not an ACR host`, () => assert.equal(isAcrHost(host), false));

  test('agrees with the Azure clouds: every built-in cloud names its registries with an ACR host', () => {
    for (const cloud of Object.values(BUILT_IN_CLOUDS)) {
      assert.equal(isAcrHost(loginServerFor('myreg', cloud)), true, cloud.name);
      assert.ok(ACR_LOGIN_SERVER_SUFFIXES.includes(cloud.acrLoginServerSuffix), cloud.name);
    }
    for (const suffix of ACR_LOGIN_SERVER_SUFFIXES) assert.equal(isAcrHost(`myreg.${suffix}`), true, suffix);
  });
});

test('parseImageReference never throws and every offset is inside the input (property)', () => {
  const referenceChars = fc.constantFrom(...'aA0_.-/:@[]!$ '.split(''), 'sha256:', 'azurecr.io', HEX64);
  const arbitraryReference = fc.oneof(fc.string(), fc.array(referenceChars, { maxLength: 20 }).map((parts) => parts.join('')));
  fc.assert(fc.property(arbitraryReference, (input) => {
    const ref = parseImageReference(input);
    for (const part of [ref.domain, ref.path, ref.tag, ref.digest, ref.scheme]) {
      if (!part) continue;
      assert.ok(part.start >= 0 && part.start <= part.end && part.end <= input.length);
      assert.equal(input.slice(part.start, part.end), part.value);
    }
    if (ref.error) assert.ok(ref.error.start >= 0 && ref.error.start <= ref.error.end && ref.error.end <= input.length);
  }), { numRuns: 2000 });
});
