// Browser tests: the real `kin serve` on a free loopback port with a fresh database, driven by Debian's
// chromium through playwright-core. Every page is checked with axe-core, in English and Spanish, with
// JavaScript on and off; screenshots at 360x640 go to test-artifacts/browser/.
//
//   KIN_BIN=build/release/kin node tests/browser/run.mjs [flow ...]
//
// Each file in flows/ is one capability's flows: it exports `default async function (t)` and calls t.test(name,
// fn) for each; t also carries the server's base URL, its database path and the browser. Flows create their own
// hubs, so they do not depend on each other. Prints "N passed, M failed" last and exits non-zero when anything
// failed.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifacts, freePort, kin, kinBin, launchBrowser, root, startServer } from './harness.mjs';

let passed = 0;
let failed = 0;
const problems = [];

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    problems.push(`${name}: ${e.message}`);
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

async function main() {
  console.log(`kin: ${kinBin}`);
  const only = process.argv.slice(2);
  const flowsDir = join(root, 'tests/browser/flows');
  const flows = readdirSync(flowsDir)
    .filter((f) => f.endsWith('.mjs'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, '')))
    .sort();

  const work = mkdtempSync(join(tmpdir(), 'kin-browser-'));
  const db = join(work, 'kin.db');
  kin('migrate', '--db', db);
  const server = await startServer(db, await freePort());
  let browser;
  try {
    browser = await launchBrowser();
    for (const file of flows) {
      const flow = (await import(pathToFileURL(join(flowsDir, file)).href)).default;
      console.log(`# ${file}`);
      await flow({ test, browser, base: server.base, db, work });
    }
  } finally {
    if (browser) await browser.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
  for (const p of problems) console.log(`  - ${p}`);
  console.log(`screenshots in ${artifacts}`);
}

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL setting up: ${e.stack || e.message}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  });
