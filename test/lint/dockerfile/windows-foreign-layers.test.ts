import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { oldWindowsRelease, windowsForeignLayersRule } from '../../../src/core/lint/dockerfile/rules/windowsForeignLayers';
import { run } from '../ruleTester';

const pinnedMessage = (reference: string, release: string, registry = 'your registry', host = '<registry>.azurecr.io') =>
  `${reference} is pinned to a Windows release from before June 2023 (${release}), whose base layers are non-distributable ("foreign"): Docker before 28.0 leaves them out when pushing to ${registry} unless daemon.json lists it: "allow-nondistributable-artifacts": ["${host}"] (Docker 28 and later push them already; the option is deprecated in 28.0 and ignored from 28.1). Better, move to a current tag (e.g. the floating "ltsc2022"): Windows images published since June 2023 have no foreign layers, which makes that workaround (FAQ F19) obsolete.`;

run(dockerfileLanguage, windowsForeignLayersRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n' },
    { name: 'COPY --from a Windows image copies files, not layers', text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nCOPY --from=mcr.microsoft.com/windows/servercore:10.0.17763.1000 /x /x\n' },
    { name: 'a Docker Hub repository called windows is not Microsoft\'s', text: 'FROM someone/windows:1\n' },
    { name: 'unresolvable', text: 'ARG WINDOWS_IMAGE\nFROM ${WINDOWS_IMAGE}\n' },
    // Floating tags pull images published after June 2023: no foreign layers (issue 8, section 5; lint-facts).
    { name: 'floating ltsc2022 (current image, no foreign layers)', text: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' },
    { name: 'floating ltsc2019', text: 'FROM mcr.microsoft.com/windows:ltsc2019\n' },
    { name: 'floating server:ltsc2022', text: 'FROM mcr.microsoft.com/windows/server:ltsc2022\n' },
    { name: 'floating nanoserver with an ACR in the file', text: 'FROM myreg.azurecr.io/tools:1 AS tools\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n' },
    { name: 'floating .NET Framework tag', text: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\n' },
    { name: 'floating Windows variant of a multi-OS image', text: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\n' },
    { name: 'a build from June 2023 on', text: 'FROM mcr.microsoft.com/windows/servercore:10.0.20348.1787\n' },
    { name: 'a KB from June 2023 on', text: 'FROM mcr.microsoft.com/windows/servercore:1809-KB5027222\n' },
    { name: 'a dated .NET tag from after June 2023', text: 'FROM mcr.microsoft.com/dotnet/framework/runtime:4.8-20231010-windowsservercore-ltsc2022\n' },
    { name: 'Windows Server 2025', text: 'FROM mcr.microsoft.com/windows/servercore:ltsc2025\n' },
  ],
  invalid: [
    {
      name: 'a build from before June 2023, no ACR in the file: generic wording',
      text: 'FROM mcr.microsoft.com/windows/servercore:10.0.17763.4377\n',
      errors: [{ range: [0, 5, 0, 57], severity: 'info', message: pinnedMessage('"mcr.microsoft.com/windows/servercore:10.0.17763.4377"', 'build 10.0.17763.4377'), output: null }],
    },
    {
      name: 'with an ACR in the file: names it',
      text: 'FROM myreg.azurecr.io/tools:1 AS tools\nFROM mcr.microsoft.com/windows/nanoserver:10.0.20348.1726\n',
      errors: [{ range: [1, 5, 1, 57], message: pinnedMessage('"mcr.microsoft.com/windows/nanoserver:10.0.20348.1726"', 'build 10.0.20348.1726', 'myreg.azurecr.io', 'myreg.azurecr.io') }],
    },
    { name: 'a KB from before June 2023', text: 'FROM mcr.microsoft.com/windows/servercore:ltsc2019-KB5026362\n', errors: [{ range: [0, 5, 0, 60], message: ['(KB5026362)'] }] },
    { name: 'a retired semi-annual release', text: 'FROM mcr.microsoft.com/windows/servercore:20H2\n', errors: [{ range: [0, 5, 0, 46], message: ['(release 20H2)'] }] },
    { name: 'a dated .NET Framework tag from before June 2023', text: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-20230509-windowsservercore-ltsc2022\n', errors: [{ range: [0, 5, 0, 86], message: ['(the 2023-05-09 release)'] }] },
    { name: 'imported into an ACR under the same path', text: 'FROM myreg.azurecr.io/windows/servercore:1909\n', errors: [{ range: [0, 5, 0, 45], message: ['pushing to myreg.azurecr.io', '["myreg.azurecr.io"]'] }] },
    {
      name: 'retired Docker Hub image: warning',
      text: 'FROM microsoft/windowsservercore:1803\n',
      errors: [{ range: [0, 5, 0, 37], severity: 'warning', message: ['retired Docker Hub Windows image', 'mcr.microsoft.com/windows/servercore:ltsc2022'] }],
    },
    { name: 'from an ARG default', text: 'ARG BASE=mcr.microsoft.com/windows/servercore:10.0.14393.5921\nFROM ${BASE}\n', errors: [{ range: [1, 5, 1, 12], message: ['(the value of "${BASE}")', '(build 10.0.14393.5921)'] }] },
  ],
});

test('oldWindowsRelease: only pins from before June 2023', () => {
  assert.equal(oldWindowsRelease('10.0.17763.4498'), 'build 10.0.17763.4498');
  assert.equal(oldWindowsRelease('10.0.17763.4499'), undefined);
  assert.equal(oldWindowsRelease('10.0.19042.1889'), 'build 10.0.19042.1889');
  assert.equal(oldWindowsRelease('10.0.26100.1000'), undefined);
  assert.equal(oldWindowsRelease('KB5026370-ltsc2022'), 'KB5026370');
  assert.equal(oldWindowsRelease('ltsc2022-amd64'), undefined);
  assert.equal(oldWindowsRelease('1809'), undefined);
  assert.equal(oldWindowsRelease('1903-amd64'), 'release 1903');
  assert.equal(oldWindowsRelease('4.8.1-20240109-windowsservercore-ltsc2022'), undefined);
});
