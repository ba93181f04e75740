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

/**
 * First builds published without foreign layers: the June 2023 (6B, 2023-06-13) cumulative updates, per
 * Windows Server build (2016, 2019/1809, 2022). ../shared/reference/lint-facts.md: "Removal of Foreign Layers".
 */
const FIRST_CLEAN_REVISION: Record<string, number> = { '14393': 5989, '17763': 4499, '20348': 1787 };
/** Semi-annual releases that reached end of support before June 2023: every image of theirs has foreign layers. */
const RETIRED_RELEASES = new Set(['1709', '1803', '1903', '1909', '2004', '20h2']);
const RETIRED_BUILDS = new Set(['16299', '17134', '18362', '18363', '19041', '19042']);
/** The June 2023 cumulative updates are KB5027219–KB5027225; earlier ones have lower numbers. */
const FIRST_CLEAN_KB = 5027000;
const FIRST_CLEAN_DATE = 20230613;

/**
 * The release a Windows tag pins, when it is from before June 2023 (so its image has foreign layers):
 * an OS build (`10.0.17763.4377`), a KB (`1809-KB5026362`), a retired semi-annual release (`20H2`, `1909`) or a
 * dated .NET tag (`4.8-20230509-windowsservercore-ltsc2022`). Undefined for floating tags (`ltsc2022`,
 * `1809`, `8.0-nanoserver-ltsc2022`) and current pins: those images have no foreign layers.
 */
export function oldWindowsRelease(tag: string): string | undefined {
  const build = /(?:^|[^\d.])10\.0\.(\d{5})\.(\d+)/.exec(tag);
  if (build) {
    if (RETIRED_BUILDS.has(build[1])) return `build 10.0.${build[1]}.${build[2]}`;
    const firstClean = FIRST_CLEAN_REVISION[build[1]];
    if (firstClean !== undefined && Number(build[2]) < firstClean) return `build 10.0.${build[1]}.${build[2]}`;
    return undefined;
  }
  const kb = /(?:^|[^a-z])kb(\d{7})(?!\d)/i.exec(tag);
  if (kb) return Number(kb[1]) < FIRST_CLEAN_KB ? `KB${kb[1]}` : undefined;
  const release = tag.toLowerCase().split(/[-_]/).find((part) => RETIRED_RELEASES.has(part));
  if (release) return `release ${release.toUpperCase()}`;
  const dated = /(?:^|-)(20\d{6})(?:-|$)/.exec(tag);
  if (dated && Number(dated[1]) < FIRST_CLEAN_DATE) return `the ${dated[1].slice(0, 4)}-${dated[1].slice(4, 6)}-${dated[1].slice(6)} release`;
  return undefined;
}

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
 * anyway, so only images pinned to an older release are reported (information), and the
 * retired Docker Hub images as a warning. See docs/decisions/dockerfile.md.
 */
export const windowsForeignLayersRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR109',
    name: 'windows-foreign-layers',
    kind: 'dockerfile',
    type: 'suggestion',
    severity: 'info',
    description: 'A Windows base image pinned to a release from before June 2023 has non-distributable (foreign) layers that Docker before 28 does not push to an ACR without `allow-nondistributable-artifacts`.',
    faq: ['F19'],
    fixable: false,
    messages: {
      windows:
        '{{reference}} is pinned to a Windows release from before June 2023 ({{release}}), whose base layers are non-distributable ("foreign"): Docker before 28.0 leaves them out when pushing to {{registry}} unless daemon.json lists it: "allow-nondistributable-artifacts": ["{{registryHost}}"] (Docker 28 and later push them already; the option is deprecated in 28.0 and ignored from 28.1). Better, move to a current tag (e.g. the floating "ltsc2022"): Windows images published since June 2023 have no foreign layers, which makes that workaround (FAQ F19) obsolete.',
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
      const release = kind === 'windows' && site.reference.tag ? oldWindowsRelease(site.reference.tag.value) : undefined;
      if (kind === 'windows' && !release) continue; // a current image: no foreign layers since June 2023
      context.report({
        range: site.range,
        messageId: kind,
        severity: kind === 'legacy' ? 'warning' : undefined,
        data: {
          reference: describeReference(site, context.text),
          registry: acr ?? 'your registry',
          registryHost: acr ?? '<registry>.azurecr.io',
          release: release ?? '',
        },
      });
    }
  },
};
