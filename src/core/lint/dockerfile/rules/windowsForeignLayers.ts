import { isAcrHost } from '../../../reference/imageReference';
import type { ImageReference } from '../../../reference/imageReference';
import type { Rule } from '../../types';
import { describeReference, partsAreReliable } from '../document';
import type { DockerfileDoc } from '../document';

/** Docker Hub's frozen `microsoft/*` Windows images (superseded by MCR in 2018): their base layers are all foreign. */
const LEGACY_HUB_WINDOWS = /^microsoft\/(?:windowsservercore|nanoserver|dotnet-framework|aspnet|iis|mssql-server-windows[\w.-]*)$/;
/** MCR repositories that are Windows-only, also found under the same path in an ACR after `az acr import`. */
const WINDOWS_PATH = /^(?:windows(?:\/.*)?|dotnet\/framework\/.+)$/;
/** Tags of multi-OS repositories (dotnet/sdk, powershell, golang, python…) that select a Windows variant. */
const WINDOWS_TAG = /windowsservercore|nanoserver/i;

/** 'legacy' = certainly has foreign layers; 'windows' = a Windows image, foreign layers only if published before June 2023. */
export function windowsBaseKind(reference: ImageReference): 'legacy' | 'windows' | undefined {
  const registry = reference.registry.toLowerCase();
  const path = reference.normalizedPath.toLowerCase();
  if (registry === 'docker.io' && LEGACY_HUB_WINDOWS.test(path)) return 'legacy';
  if ((registry === 'mcr.microsoft.com' || isAcrHost(registry)) && WINDOWS_PATH.test(path)) return 'windows';
  if (reference.tag && WINDOWS_TAG.test(reference.tag.value)) return 'windows';
  return undefined;
}

/**
 * FAQ F19. Windows base layers used to be non-distributable ("foreign"): Docker skipped
 * them on push unless the registry was in daemon.json's allow-nondistributable-artifacts.
 * Microsoft removed foreign layers from its images in June 2023 and Docker 28 pushes them
 * anyway, so this is information, raised to a warning only for the legacy images that
 * certainly have them. See docs/decisions/dockerfile.md.
 */
export const windowsForeignLayersRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR109',
    name: 'windows-foreign-layers',
    kind: 'dockerfile',
    type: 'suggestion',
    severity: 'info',
    description: 'A Windows base image may have non-distributable (foreign) layers that Docker before 28 does not push to an ACR without `allow-nondistributable-artifacts`.',
    faq: ['F19'],
    fixable: false,
    messages: {
      windows:
        '{{reference}} is a Windows base image. Windows images published before June 2023 have non-distributable ("foreign") base layers, which Docker before 28.0 leaves out when pushing to {{registry}} unless daemon.json lists it: "allow-nondistributable-artifacts": ["{{registryHost}}"]. Docker 28 and later push these layers already (the option is deprecated in 28.0 and ignored from 28.1), and current Microsoft images have no foreign layers. If a push to your registry misses layers, add that daemon.json entry or update Docker.',
      legacy:
        '{{reference}} is a retired Docker Hub Windows image whose base layers are non-distributable ("foreign"): Docker before 28.0 does not push them to {{registry}} unless daemon.json lists it: "allow-nondistributable-artifacts": ["{{registryHost}}"] (Docker 28 and later push them already; the option is deprecated in 28.0 and ignored from 28.1). Move to the maintained image on mcr.microsoft.com (e.g. "mcr.microsoft.com/windows/servercore:ltsc2022"), which has no foreign layers.',
    },
  },
  check(doc, context) {
    const acr = doc.acrRegistries[0];
    for (const site of doc.references) {
      if (site.origin !== 'from' || !partsAreReliable(site)) continue;
      const kind = windowsBaseKind(site.reference);
      if (!kind) continue;
      context.report({
        range: site.range,
        messageId: kind,
        severity: kind === 'legacy' ? 'warning' : undefined,
        data: {
          reference: describeReference(site, context.text),
          registry: acr ?? 'your registry',
          registryHost: acr ?? '<registry>.azurecr.io',
        },
      });
    }
  },
};
