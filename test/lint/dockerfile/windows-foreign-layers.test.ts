import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { windowsForeignLayersRule } from '../../../src/core/lint/dockerfile/rules/windowsForeignLayers';
import { run } from '../ruleTester';

run(dockerfileLanguage, windowsForeignLayersRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n' },
    { name: 'COPY --from a Windows image copies files, not layers', text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nCOPY --from=mcr.microsoft.com/windows/servercore:ltsc2022 /x /x\n' },
    { name: 'a Docker Hub repository called windows is not Microsoft\'s', text: 'FROM someone/windows:1\n' },
    { name: 'unresolvable', text: 'ARG WINDOWS_IMAGE\nFROM ${WINDOWS_IMAGE}\n' },
  ],
  invalid: [
    {
      name: 'no ACR in the file: generic wording',
      text: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
      errors: [{
        range: [0, 5, 0, 50],
        severity: 'info',
        message: ['Windows base image', 'before June 2023', 'Docker before 28.0', '"allow-nondistributable-artifacts": ["<registry>.azurecr.io"]', 'Docker 28 and later push these layers already', 'ignored from 28.1'],
        output: null,
      }],
    },
    {
      name: 'with an ACR in the file: names it',
      text: 'FROM myreg.azurecr.io/tools:1 AS tools\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
      errors: [{ range: [1, 5, 1, 50], severity: 'info', message: ['pushing to myreg.azurecr.io', '["myreg.azurecr.io"]'] }],
    },
    { text: 'FROM mcr.microsoft.com/windows:ltsc2019\n', errors: [{ range: [0, 5, 0, 39], message: "\"mcr.microsoft.com/windows:ltsc2019\" is a Windows base image. Windows images published before June 2023 have non-distributable (\"foreign\") base layers, which Docker before 28.0 leaves out when pushing to your registry unless daemon.json lists it: \"allow-nondistributable-artifacts\": [\"<registry>.azurecr.io\"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker." }] },
    { text: 'FROM mcr.microsoft.com/windows/server:ltsc2022\n', errors: [{ range: [0, 5, 0, 46], message: "\"mcr.microsoft.com/windows/server:ltsc2022\" is a Windows base image. Windows images published before June 2023 have non-distributable (\"foreign\") base layers, which Docker before 28.0 leaves out when pushing to your registry unless daemon.json lists it: \"allow-nondistributable-artifacts\": [\"<registry>.azurecr.io\"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker." }] },
    { text: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\n', errors: [{ range: [0, 5, 0, 77], message: "\"mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\" is a Windows base image. Windows images published before June 2023 have non-distributable (\"foreign\") base layers, which Docker before 28.0 leaves out when pushing to your registry unless daemon.json lists it: \"allow-nondistributable-artifacts\": [\"<registry>.azurecr.io\"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker." }] },
    { name: 'Windows variant of a multi-OS image by tag', text: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\n', errors: [{ range: [0, 5, 0, 57], message: "\"mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\" is a Windows base image. Windows images published before June 2023 have non-distributable (\"foreign\") base layers, which Docker before 28.0 leaves out when pushing to your registry unless daemon.json lists it: \"allow-nondistributable-artifacts\": [\"<registry>.azurecr.io\"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker." }] },
    { name: 'imported into an ACR under the same path', text: 'FROM myreg.azurecr.io/windows/servercore:ltsc2022\n', errors: [{ range: [0, 5, 0, 49], message: ['myreg.azurecr.io'] }] },
    {
      name: 'retired Docker Hub image: warning',
      text: 'FROM microsoft/windowsservercore:1803\n',
      errors: [{ range: [0, 5, 0, 37], severity: 'warning', message: ['retired Docker Hub Windows image', 'mcr.microsoft.com/windows/servercore:ltsc2022'] }],
    },
    { name: 'from an ARG default', text: 'ARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022\nFROM ${BASE}\n', errors: [{ message: "\"mcr.microsoft.com/windows/servercore:ltsc2022\" (the value of \"${BASE}\") is a Windows base image. Windows images published before June 2023 have non-distributable (\"foreign\") base layers, which Docker before 28.0 leaves out when pushing to your registry unless daemon.json lists it: \"allow-nondistributable-artifacts\": [\"<registry>.azurecr.io\"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker.", range: [1, 5, 1, 12] }] },
  ],
});
