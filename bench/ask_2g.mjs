// How the ask-for-help page does on a 2G phone: loads it in Debian's chromium with the network throttled through
// the DevTools protocol (Network.emulateNetworkConditions) and prints the time to DOMContentLoaded and to load,
// and the bytes transferred. A figure to watch, not a pass/fail test.
//
//   KIN_BIN=build/release/kin node bench/ask_2g.mjs      (or: make bench-2g)
//
// Profile (override with BENCH_DOWN_KBPS, BENCH_UP_KBPS, BENCH_RTT_MS): 250 kbit/s down, 50 kbit/s up, 300 ms
// round trip. Each run starts a cold browser context (no cache), three runs; the median is reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, kinBin, launchBrowser, startServer } from '../tests/browser/harness.mjs';

const downKbps = Number(process.env.BENCH_DOWN_KBPS || 250);
const upKbps = Number(process.env.BENCH_UP_KBPS || 50);
const rttMs = Number(process.env.BENCH_RTT_MS || 300);
const runs = Number(process.env.BENCH_RUNS || 3);
const targetMs = 3000;  // usable within 3 s on 2G: the page must not wait on anything but itself

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: rttMs,
    downloadThroughput: (downKbps * 1000) / 8,
    uploadThroughput: (upKbps * 1000) / 8,
  });
  let bytes = 0;
  let requests = 0;
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) || '';
    if (url.startsWith('data:')) return;  // the browser's own inline icons cross no network
    if (process.env.BENCH_VERBOSE) console.log(`  ${e.encodedDataLength} B ${url}`);
    bytes += e.encodedDataLength;
    requests++;
  });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  const timing = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  await context.close();
  return { ...timing, bytes, requests };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'kin-2g-'));
  const db = join(work, 'kin.db');
  execFileSync(kinBin, ['migrate', '--db', db]);
  execFileSync(kinBin, ['admin', 'create-hub', '--db', db, '--slug', 'bench', '--name', 'Bench Mutual Aid',
    '--languages', 'en,es', '--time-zone', 'Europe/Madrid'], { stdio: 'ignore' });
  const server = await startServer(db, await freePort());
  const browser = await launchBrowser();
  try {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(browser, `${server.base}/h/bench/ask`));
    results.sort((a, b) => a.load - b.load);
    const median = results[Math.floor(results.length / 2)];
    console.log(`ask page on ${downKbps} kbit/s down, ${upKbps} kbit/s up, ${rttMs} ms RTT (median of ${runs}, cold):`);
    console.log(`  DOMContentLoaded ${median.dcl.toFixed(0)} ms`);
    console.log(`  load             ${median.load.toFixed(0)} ms (target <= ${targetMs} ms)`);
    console.log(`  transferred      ${median.bytes} bytes in ${median.requests} requests`);
    for (const r of results) console.log(`  run: dcl ${r.dcl.toFixed(0)} ms, load ${r.load.toFixed(0)} ms, ${r.bytes} B`);
  } finally {
    await browser.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exitCode = 1;
});
