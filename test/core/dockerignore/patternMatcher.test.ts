import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcrBuildMatcher, cleanPath, DockerignoreMatcher, DockerignorePatternError, globSyntaxError, readDockerignore } from '../../../src/core/dockerignore/patternMatcher';

// [patterns, path, excluded] — Docker semantics (moby/patternmatcher MatchesOrParentMatches).
const DOCKER_CASES: [string[], string, boolean][] = [
  [['*'], 'fileutils.go', true],
  [['*.go'], 'fileutils.go', true],
  [['!fileutils.go', '*.go'], 'fileutils.go', true],
  [['docs', '!docs/README.md'], 'docs/README.md', false],
  [['docs/', '!docs/README.md'], 'docs/README.md', false],
  [['docs/*', '!docs/README.md'], 'docs/README.md', false],
  [['*.go', '!fileutils.go'], 'fileutils.go', false],
  [['*.go'], '.', false],
  [[], 'any/path/there', false],
  [['**'], 'file', true],
  [['**/'], 'file', true],
  [['**'], 'dir/file', true],
  [['**/**'], 'dir/file', true],
  [['dir/**'], 'dir/file', true],
  [['dir/**'], 'dir/dir2/file', true],
  [['**/dir'], 'dir', true],
  [['**/dir'], 'dir/file', true],
  [['**/dir2/*'], 'dir/dir2/file', true],
  [['**/dir2/**'], 'dir/dir2/dir3/file', true],
  [['**file'], 'file', true],
  [['**file'], 'dir/file', true],
  [['**file'], 'dir/myfile', true],
  [['**/file'], 'dir/dir/file', true],
  [['**/file*'], 'dir/dir/file.txt', true],
  [['**/file*txt'], 'dir/dir/file.txt', true],
  [['**/**/*.txt'], 'dir/dir/file.txt', true],
  [['**/**/*.txt2'], 'dir/dir/file.txt', false],
  [['**/*.txt'], 'file.txt', true],
  [['a**/*.txt'], 'a/dir/dir/file.txt', true],
  [['a/*.txt'], 'a/dir/file.txt', false],
  [['a/*.txt'], 'a/file.txt', true],
  [['a/*.txt**'], 'a/file.txt', true],
  [['a[b-d]e'], 'ae', false],
  [['a[b-d]e'], 'ace', true],
  [['a[b-d]e'], 'aae', false],
  [['a[^b-d]e'], 'aze', true],
  [['.*'], '.foo', true],
  [['.*'], 'foo', false],
  [['abc.def'], 'abcdef', false],
  [['abc.def'], 'abc.def', true],
  [['abc?def'], 'abcZdef', true],
  [['abc?def'], 'abcdef', false],
  [['**/foo/bar'], 'dir/dir2/foo/bar', true],
  [['abc/**'], 'abc', false],
  [['abc/**'], 'abc/def/ghi', true],
  [['**/.foo'], 'bar.foo', false],
  [['a(b)c/def'], 'a(b)c/def', true],
  [['a.|)$(}+{bc'], 'a.|)$(}+{bc', true],
  [['dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [['**', '!dist/*.whl'], 'dist/x-1.whl', false],
  [['a\\\\'], 'a\\', true],
  [['a\\*b'], 'a*b', true],
  [['a\\*b'], 'ab', false],
  [['a*'], 'ab/c', true], // parent "ab" matches
  [['a*/b'], 'abc/b', true],
  [['a*/b'], 'a/c/b', false],
  [['a*b*c*d*e*/f'], 'axbxcxdxexxx/f', true],
  [['a*b*c*d*e*/f'], 'axbxcxdxe/xxx/f', false],
  [['a*b?c*x'], 'abxbbxdbxebxczzx', true],
  [['a*b?c*x'], 'abxbbxdbxebxczzy', false],
  [['ab[^c]'], 'abc', false],
  [['ab[^e-g]'], 'abc', true],
  [['a?b'], 'a☺b', true],
  [['a???b'], 'a☺b', false],
  [['a?b'], 'a/b', false],
  [['a*b'], 'a/b', false],
  [['[\\]a]'], ']', true],
  [['[\\-]'], '-', true],
  [['[x\\-]'], 'z', false],
  [['*x'], 'xxx', true],
  // Docker's reader: leading "/" dropped, cleaned, last line wins.
  [['/node_modules'], 'node_modules/x/index.js', true],
  [['node_modules/'], 'node_modules/x/index.js', true],
  [['./build/../dist'], 'dist/app.js', true],
  [['*', '!src'], 'src/main.go', false],
  [['*', '!src', 'src/*.tmp'], 'src/a.tmp', true],
  [['.git'], '.git/HEAD', true],
  [['.git', '!.git/HEAD'], '.git/HEAD', false],
  [['a^b'], 'a^b', true], // no wildcard: compared as text
  [['a^*'], 'a^b', false], // moby passes "^" to the regexp unescaped: it never matches
];

describe('Docker .dockerignore matcher', () => {
  for (const [patterns, path, excluded] of DOCKER_CASES) {
    it(`${JSON.stringify(patterns)} ${excluded ? 'excludes' : 'keeps'} ${path}`, () => {
      assert.equal(new DockerignoreMatcher(patterns.map((p) => readDockerignore(p)[0]?.pattern ?? p)).excludes(path), excluded);
    });
  }

  it('rejects a bare "!" and malformed patterns as Docker does', () => {
    assert.throws(() => new DockerignoreMatcher(['!']), (e: unknown) => e instanceof DockerignorePatternError && /illegal exclusion/.test(e.message));
    for (const bad of ['[', '[^', '[^bc', 'a[', '[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]']) {
      assert.ok(globSyntaxError(bad), `expected ${bad} to be rejected`);
      assert.throws(() => new DockerignoreMatcher([bad]), DockerignorePatternError, bad);
    }
    for (const good of ['[\\]a]', '[\\-x]', 'a[b-d]e', '*', 'a\\*b', '**/x']) assert.equal(globSyntaxError(good), undefined, good);
  });

  it('fails at match time where Go regexp rejects the translated pattern', () => {
    assert.throws(() => new DockerignoreMatcher(['[b-a]']), (e: unknown) => e instanceof DockerignorePatternError && e.atMatchTime);
    assert.throws(() => new DockerignoreMatcher(['a\\qb']), (e: unknown) => e instanceof DockerignorePatternError && e.atMatchTime);
  });

  it('reads the file like ignorefile.ReadAll (BOM, comments, trimming, "/" and "!")', () => {
    const text = '\ufefftest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n  # not a comment\n! /inverted/abs/path\r\n!\n! ';
    assert.deepEqual(
      readDockerignore(text).map((e) => e.pattern),
      ['test1', 'test2', 'a/file/here', 'lastfile', '# not a comment', '!inverted/abs/path', '!', '!'],
    );
    assert.deepEqual(readDockerignore('a\n\n  b  \n').map((e) => [e.line, e.start, e.end]), [[0, 0, 1], [2, 2, 3]]);
  });

  it('cleans paths like Go path.Clean', () => {
    const cases: [string, string][] = [['', '.'], ['a/b/', 'a/b'], ['a//b', 'a/b'], ['./a', 'a'], ['a/../b', 'b'], ['../a', '../a'], ['/../a', '/a'], ['/', '/'], ['a/./b/.', 'a/b']];
    for (const [input, out] of cases) assert.equal(cleanPath(input), out, input);
  });

  it('reports which line decided', () => {
    const m = new DockerignoreMatcher(['*.md', '!README.md', 'docs']);
    assert.deepEqual(m.match('README.md'), { excluded: false, decidedBy: 1 });
    assert.deepEqual(m.match('docs/README.md'), { excluded: true, decidedBy: 2 });
    assert.deepEqual(m.match('main.go'), { excluded: false, decidedBy: -1 });
  });
});

// [file text, path, excluded] — az acr build's packer (azure-cli acr/_archive_utils.py).
const ACR_CASES: [string, string, boolean][] = [
  ['', '.git', true],
  ['', '.git/HEAD', true],
  ['', '.gitignore', true],
  ['', '.hg', true],
  ['', '.svn/entries', true],
  ['', 'bzrignore', true],
  ['', 'src/.git/HEAD', false], // only at the top level
  ['', 'src/main.go', false],
  ['!.git/**', '.git/HEAD', false],
  ['!.git/**', '.git/objects/ab/cdef', false],
  ['!.git/**', '.git', true], // the directory entry itself stays out; tar recreates it
  ['!.git', '.git/HEAD', true], // "!.git" is not enough for az
  ['!.git/*', '.git/objects/ab', false],
  ['.git\n!.git/**', '.git/HEAD', false],
  ['!.git/**\n.git', '.git/HEAD', false], // the default rule decides ".git" itself, so "^\.git$" is never tried for it
  ['/node_modules', 'node_modules/x.js', false], // leading "/" kept: never matches
  ['node_modules/', 'node_modules/x.js', false], // trailing "/" kept: never matches
  ['node_modules', 'node_modules/x.js', true],
  ['  node_modules', 'node_modules/x.js', false], // leading spaces kept
  ['node_modules  ', 'node_modules/x.js', true], // trailing spaces stripped
  ['*\n!/src/', 'src/main.go', false], // "!" rules strip leading/trailing "/"
  ['*\n!src', 'src/main.go', false],
  ['*.log', 'logs/a.log', false], // "*" stops at "/"
  ['**/*.log', 'logs/a.log', true],
  ['**.log', 'logs/a.log', false], // "**" inside a segment is just "*"
  ['**/build', 'prebuild', true], // "**" becomes ".*": no "/" needed
  ['a?c', 'abc', true],
  ['a.c', 'abc', false],
  ['# comment\nfoo', 'foo', true],
  ['docs\n!docs/README.md', 'docs/README.md', false],
  ['!docs/README.md\ndocs', 'docs/README.md', true],
];

describe('az acr build context matcher', () => {
  for (const [text, path, excluded] of ACR_CASES) {
    it(`${JSON.stringify(text)} ${excluded ? 'excludes' : 'keeps'} ${path}`, () => {
      assert.equal(AcrBuildMatcher.fromText(text).excludes(path), excluded);
    });
  }

  it('adds ".dockerignore" as a rule when reading <Dockerfile>.dockerignore', () => {
    assert.equal(AcrBuildMatcher.fromText('', { dockerfileSpecific: true }).excludes('.dockerignore'), true);
    assert.equal(AcrBuildMatcher.fromText('').excludes('.dockerignore'), false);
  });

  it('records lines az would crash on', () => {
    const rules = AcrBuildMatcher.fromText('!\nfoo(\nok').rules;
    assert.ok(rules[0].crash);
    assert.ok(rules[1].crash);
    assert.equal(rules[2].crash, undefined);
  });
});
