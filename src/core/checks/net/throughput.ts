/**
 * net.throughput: round-trip latency to the registry and the download rate of one blob (F22);
 * with opt-in, the upload rate of a 1 MiB blob too (F23; it writes an unreferenced blob).
 */
import { createHash, randomBytes } from 'node:crypto';
import { imageBlobs } from '../blobs';
import { DOCS } from '../docs';
import type { Check, CheckEvidence } from '../types';

const LATENCY_SAMPLES = 3;
const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;
const UPLOAD_BYTES = 1024 * 1024;
const SLOW_LATENCY_MS = 500;
const SLOW_BYTES_PER_SECOND = 1024 * 1024;

function rate(bytes: number, ms: number): number {
  return ms > 0 ? Math.round((bytes / ms) * 1000) : bytes * 1000;
}

function human(bytesPerSecond: number): string {
  return bytesPerSecond >= 1024 * 1024 ? `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MiB/s` : `${Math.round(bytesPerSecond / 1024)} KiB/s`;
}

export const throughputCheck: Check = {
  meta: {
    id: 'net.throughput',
    area: 'net',
    title: 'Latency and throughput to the registry',
    faq: ['F22', 'F23'],
    needs: ['repository'],
    dependsOn: ['net.challenge'],
    timeoutMs: 60_000,
    docs: DOCS.performance,
  },
  async run(context) {
    const facts = context.facts;
    const base = facts.endpoint().baseUrl;
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const started = performance.now();
      await facts.http({ method: 'GET', url: new URL('/v2/', base), maxBodyBytes: 64 * 1024 });
      samples.push(performance.now() - started);
    }
    const latencyMs = Math.round([...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0);
    const repository = context.target.repository as string;
    const image = await imageBlobs(facts, repository, context.target.reference);
    const blob = [...image.blobs].filter((b) => b.size <= MAX_DOWNLOAD_BYTES).sort((a, b) => b.size - a.size)[0];
    const evidence: CheckEvidence = { latencyMs, latencySamplesMs: samples.map((s) => String(Math.round(s))) };
    const problems: string[] = [];
    if (latencyMs > SLOW_LATENCY_MS) problems.push(`round trips take ${latencyMs} ms (a distant region or a slow proxy; a nearer replica helps)`);
    let downloadRate: number | undefined;
    if (blob) {
      const started = performance.now();
      const response = await facts.http({ method: 'GET', url: new URL(`/v2/${repository}/blobs/${blob.digest}`, base), authorization: await facts.authorization(`repository:${repository}:pull`), crossOriginRedirect: 'follow-without-credentials', maxBodyBytes: blob.size + 1024 });
      const ms = performance.now() - started;
      if (response.status === 200) {
        downloadRate = rate(response.body.length, ms);
        Object.assign(evidence, { downloadBytes: response.body.length, downloadMs: Math.round(ms), downloadBytesPerSecond: downloadRate, downloadFrom: response.url.host });
        if (response.body.length >= 256 * 1024 && downloadRate < SLOW_BYTES_PER_SECOND) problems.push(`downloads run at ${human(downloadRate)}`);
      } else {
        problems.push(`the blob download answered ${response.status}`);
      }
    }
    if (context.optIn) {
      // ASCII payload: the string body the transport sends is the exact bytes the digest covers.
      const payload = randomBytes(UPLOAD_BYTES / 2).toString('hex');
      const digest = `sha256:${createHash('sha256').update(payload).digest('hex')}`;
      const authorization = await facts.authorization(`repository:${repository}:pull,push`);
      const started = performance.now();
      const start = await facts.http({ method: 'POST', url: new URL(`/v2/${repository}/blobs/uploads/`, base), authorization });
      const location = start.headers.get('location');
      if (start.status !== 202 || !location) {
        problems.push(`the upload was refused (${start.status})`);
      } else {
        const put = new URL(location, base);
        put.searchParams.set('digest', digest);
        const done = await facts.http({ method: 'PUT', url: put, authorization, headers: { 'content-type': 'application/octet-stream' }, body: payload });
        const ms = performance.now() - started;
        if (done.status === 201) Object.assign(evidence, { uploadBytes: UPLOAD_BYTES, uploadMs: Math.round(ms), uploadBytesPerSecond: rate(UPLOAD_BYTES, ms) });
        else problems.push(`the upload ended with ${done.status}`);
      }
    }
    const summary = `Latency ${latencyMs} ms${downloadRate !== undefined ? `, download ${human(downloadRate)}` : ''}${typeof evidence.uploadBytesPerSecond === 'number' ? `, upload ${human(evidence.uploadBytesPerSecond)}` : context.optIn ? '' : ' (upload not measured: opt-in)'}`;
    if (problems.length > 0) return { status: 'warn', summary: `${summary}: ${problems.join('; ')}.`, evidence, fixes: [{ kind: 'link', title: 'Troubleshoot registry performance', url: DOCS.performance }] };
    return { status: 'pass', summary: `${summary}.`, evidence };
  },
};
