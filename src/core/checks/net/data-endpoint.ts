/**
 * net.data-endpoint: the host a blob GET is redirected to (ACR's data endpoint or storage account)
 * resolves and accepts connections; firewalls that allow only the login server break layer pulls.
 */
import { isIP } from 'node:net';
import { imageBlobs } from '../blobs';
import { DOCS } from '../docs';
import { describeNetError } from '../netAddress';
import type { Check } from '../types';

export const dataEndpointCheck: Check = {
  meta: {
    id: 'net.data-endpoint',
    area: 'net',
    title: 'The blob data endpoint resolves and connects',
    faq: ['F21', 'F22'],
    needs: ['repository'],
    dependsOn: ['net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.dataEndpoints,
  },
  async run(context, signal) {
    const { repository, reference } = context.target;
    const facts = context.facts;
    const image = await imageBlobs(facts, repository as string, reference);
    const blob = image.blobs[0];
    if (!blob) return { status: 'skip', summary: `${image.repository}:${image.reference} has no blobs to fetch.` };
    const url = new URL(`/v2/${image.repository}/blobs/${blob.digest}`, facts.endpoint().baseUrl);
    const response = await facts.http({ method: 'HEAD', url, authorization: await facts.authorization(`repository:${image.repository}:pull`), crossOriginRedirect: 'follow-without-credentials' });
    const login = facts.endpoint();
    const evidence: Record<string, string | number | string[]> = { blob: blob.digest, status: response.status, servedBy: response.url.host };
    if (response.status < 200 || response.status >= 300) {
      return { status: 'fail', summary: `A blob HEAD ended with ${response.status} at ${response.url.host}: layers cannot be downloaded.`, evidence };
    }
    if (response.url.host === login.host) return { status: 'pass', summary: `Blobs are served by ${login.host} itself (no redirect to a data endpoint).`, evidence };
    const dataHost = response.url.hostname.replace(/^\[|\]$/g, '');
    const dataPort = response.url.port ? Number(response.url.port) : response.url.protocol === 'https:' ? 443 : 80;
    const dns = isIP(dataHost) ? { addresses: [{ address: dataHost }], errorCode: undefined } : await facts.dns(dataHost);
    evidence.dataHost = `${dataHost}:${dataPort}`;
    evidence.addresses = dns.addresses.map((a) => a.address);
    if (dns.addresses.length === 0) {
      return { status: 'fail', summary: `Blobs redirect to ${dataHost}, which does not resolve (${describeNetError(dns.errorCode)}): layer pulls fail with EOF or i/o timeout. A private DNS zone for the data endpoint may be missing.`, evidence };
    }
    const failures: string[] = [];
    for (const { address } of dns.addresses) {
      try {
        await facts.network.connect(address, dataPort, { timeoutMs: 5_000, signal });
      } catch (error) {
        failures.push(`${address}: ${(error as { code?: string }).code ?? 'ERROR'}`);
      }
    }
    evidence.failed = failures;
    if (failures.length > 0) {
      return {
        status: 'fail',
        summary: `Blobs redirect to ${dataHost}, but ${failures.length === dns.addresses.length ? 'no' : 'not every'} address accepts a connection (${failures[0]}): allow this host in the firewall or proxy, not only the login server.`,
        evidence,
        fixes: [{ kind: 'link', title: 'Firewall rules for data endpoints', url: DOCS.firewallRules }],
      };
    }
    return { status: 'pass', summary: `Blobs redirect to ${dataHost}, which resolves and accepts connections.`, evidence };
  },
};
