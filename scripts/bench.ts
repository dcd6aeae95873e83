// npm run bench: speed and memory, as numbers (never asserts; targets are judged by reading the output).
//
//   npm run bench                      the demo flow, the collector, then 40k / 200k / 1M resources
//   BENCH_RESOURCES=<n> npm run bench  the demo flow, the collector, then n units (a security group and a volume
//                                      each: 500000 = 1M resources)
//
// Each size runs in its own child process, so its peak RSS (read from the kernel, VmHWM) is that of a whole
// process that did only that work: ingest, evaluate, export, verify and the findings queries. It ends with one
// line per size: `bench: resources <n> max peak RSS <MiB> MiB ingest ratio <r> export <s> s`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssMiB } from './bench/measure';

type Numbers = Record<string, number | string>;
/** Each section takes the size in units (`resources` is the same number, for sections written that way). */
type Section = { run(opts: { units: number; resources: number; dir: string }): Promise<Numbers> };

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [20_000, 100_000, 500_000];
const RESULT_TAG = 'BENCH_RESULT ';

/** Sections that scale with the estate, run in the child for one size, in this order. */
const SIZED_SECTIONS = ['ingest', 'export', 'event-loop', 'findings-page'];

async function runSizeInThisProcess(units: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ed-bench-${units}-`));
  const results: Numbers = { units, resources: units * 2 };
  try {
    for (const name of SIZED_SECTIONS) {
      const section = (await import(`./bench/${name}.ts`)) as Section;
      Object.assign(results, await section.run({ units, resources: units, dir }));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  results.processPeakMiB = Math.round(peakRssMiB());
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(results)}\n`);
}

function runSizeInChild(units: number): Numbers {
  console.log(`\n== ${units * 2} resources (${units} units) ==`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'bench.ts')], {
    env: { ...process.env, BENCH_CHILD: String(units) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (child.stdout ?? '').split('\n');
  for (const l of lines) if (l && !l.startsWith(RESULT_TAG)) console.log(l);
  const tagged = lines.find((l) => l.startsWith(RESULT_TAG));
  if (child.status !== 0 || !tagged) {
    console.log(`  the ${units}-unit run failed (exit ${child.status ?? child.signal})`);
    return { units, resources: units * 2, failed: 1 };
  }
  return JSON.parse(tagged.slice(RESULT_TAG.length)) as Numbers;
}

const num = (v: unknown, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');

async function main(): Promise<void> {
  if (process.env.BENCH_CHILD) return runSizeInThisProcess(Number(process.env.BENCH_CHILD));
  const requested = process.env.BENCH_RESOURCES ? [Number(process.env.BENCH_RESOURCES)] : SIZES;
  if (requested.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(
      'BENCH_RESOURCES must be a whole number of units (each unit = a security group + a volume)',
    );
  console.log(
    `bench on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-bench-'));
  const fixed: Numbers = {};
  try {
    for (const name of ['demo', 'azure-demo', 'collector']) {
      console.log(`\n== ${name} ==`);
      const section = (await import(`./bench/${name}.ts`)) as Section;
      Object.assign(fixed, await section.run({ units: 0, resources: 0, dir }));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const sized = requested.map(runSizeInChild);
  console.log(
    '\n| resources | ingest rows/s | ratio to raw | evaluate | export | export peak | verify | ' +
      'first page (cold / warm) | max event-loop delay, worker export | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of sized) {
    console.log(
      `| ${r.resources} | ${num(r.ingestRowsPerSec)} | ${num(r.ingestRatio, 2)} | ${num(r.evaluateMs)} ms | ` +
        `${num(r.exportMs)} ms | ${num(r.exportPeakMiB)} MiB | ${num(r.verifyMs)} ms | ${num(r.firstPageColdMs, 1)} / ${num(r.firstPageMs, 1)} ms | ` +
        `${num(r.maxEventLoopDelayMs, 1)} ms | ${num(r.processPeakMiB)} MiB |`,
    );
  }
  console.log(
    `\ncollector: ${num(fixed.collectorRatio, 2)}x its latency bound at ${num(fixed.collectorLatencyMs)} ms per call; ` +
      `demo verify ${num(fixed.demoVerifyZipMs, 1)} ms (zip) / ${num(fixed.demoVerifyFolderMs, 1)} ms (folder)`,
  );
  for (const r of sized) {
    console.log(
      `bench: resources ${r.resources} max peak RSS ${num(r.processPeakMiB)} MiB ingest ratio ${num(r.ingestRatio, 2)} ` +
        `export ${typeof r.exportMs === 'number' ? (r.exportMs / 1000).toFixed(1) : '—'} s`,
    );
  }
}

await main();
