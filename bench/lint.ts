import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validate } from 'dockerfile-utils';
import { lintText } from '../src/core/lint/engine';
import { syntheticDockerfiles } from './dockerfiles';
import { medianMs, type BenchResult } from './types';

const CORPUS = resolve(__dirname, '..', '..', 'shared', 'corpus', 'arm');

function corpusFiles(): Array<{ name: string; text: string }> {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .map((name) => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }));
}

/** ARM lint throughput on the real-template corpus, beside the floor of just JSON.parse on the same bytes. */
export async function armCorpusBench(): Promise<BenchResult> {
  const files = corpusFiles();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const rounds = 20;
  const lintAll = () => {
    for (let r = 0; r < rounds; r++) for (const f of files) lintText({ fileName: f.name, text: f.text });
  };
  const parseAll = () => {
    for (let r = 0; r < rounds; r++) for (const f of files) JSON.parse(f.text);
  };
  // Interleave so both see the same machine state.
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 5; i++) {
    ours.push(await medianMs(1, lintAll));
    floor.push(await medianMs(1, parseAll));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const oursMs = median(ours);
  const floorMs = median(floor);
  const mbPerSecond = (bytes * rounds) / 1024 / 1024 / (oursMs / 1000);
  return {
    name: 'ARM lint throughput on shared/corpus/arm',
    metrics: { files: files.length, corpus_kb: Math.round(bytes / 1024), lint_mb_per_s: Number(mbPerSecond.toFixed(1)), files_per_s: Math.round((files.length * rounds) / (oursMs / 1000)), json_parse_floor_ratio: Number((oursMs / floorMs).toFixed(1)) },
    ratio: { label: 'lint time ÷ JSON.parse time (same files, parse with positions + all rules)', value: Number((oursMs / floorMs).toFixed(1)) },
  };
}

/** Our Dockerfile lint (all ACR1xx rules) against dockerfile-utils' validate on the same files, same run. */
export async function dockerfileBench(): Promise<BenchResult> {
  const files = syntheticDockerfiles(200);
  const examples = readdirSync(resolve(__dirname, '..', 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => /Dockerfile$/i.test(f));
  for (const f of examples) files.push({ name: f, text: readFileSync(resolve(__dirname, '..', 'examples', f), 'utf8') });
  const ours = () => {
    for (const f of files) lintText({ fileName: 'Dockerfile', text: f.text, kind: 'dockerfile' });
  };
  const theirs = () => {
    for (const f of files) validate(f.text);
  };
  const oursTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    oursTimes.push(await medianMs(1, ours));
    theirTimes.push(await medianMs(1, theirs));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const oursMs = median(oursTimes);
  const theirsMs = median(theirTimes);
  const ratio = oursMs / theirsMs;
  return {
    name: `Dockerfile lint vs dockerfile-utils validate (${files.length} files)`,
    metrics: { files: files.length, ours_ms: Number(oursMs.toFixed(1)), dockerfile_utils_ms: Number(theirsMs.toFixed(1)) },
    ratio: { label: 'ours ÷ dockerfile-utils', value: Number(ratio.toFixed(2)), aim: '≤ 1.0 (no slower)', met: ratio <= 1.0 },
  };
}
