// What every browser flow shares: the kin binary, a served hub database, chromium, and the checks each page must
// pass (its language, every string translated, no axe-core violation, a screenshot at the phone size).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const kinBin = resolve(process.env.KIN_BIN || join(root, 'build/release/kin'));
export const artifacts = join(root, 'test-artifacts', 'browser');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

mkdirSync(artifacts, { recursive: true });

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// Runs `kin` with the given arguments and returns what it printed.
export function kin(...args) {
  return execFileSync(kinBin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The invitation token `kin admin create-hub` or `kin admin invite` printed.
export function tokenFrom(output) {
  const m = output.match(/invite token: (\S+)/);
  if (!m) throw new Error(`no invite token in: ${output}`);
  return m[1];
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startServer(db, port) {
  // Every flow signs people in from 127.0.0.1: a sign-in limit per address that fits them all. Servers federate
  // with each other over loopback, which kin refuses unless allowed.
  const proc = spawn(kinBin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--workers', '2',
    '--login-burst', '1000', '--federation-allow-private-addresses'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { proc, base, log: () => log };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGTERM');
  throw new Error(`kin serve did not start:\n${log}`);
}

export function launchBrowser() {
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own (and refuses the flag).
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30000,
  });
}

// What every page must be: in the expected language, every string translated, no axe violation; a screenshot.
export async function inspect(page, shot, { lang = 'en', axe = true } = {}) {
  const htmlLang = await page.getAttribute('html', 'lang');
  check(htmlLang === lang, `${shot}: <html lang> is ${htmlLang}, expected ${lang}`);
  const text = await page.textContent('body');
  check(!text.includes('[['), `${shot}: a catalogue key is missing: ${text.match(/\[\[[^\]]*\]\]/)}`);
  await page.screenshot({ path: join(artifacts, `${shot}.png`), fullPage: false });
  if (axe) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const violations = result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    check(violations.length === 0, `${shot}: axe found ${violations.length} violation(s): ${violations.join('; ')}`);
  }
}

// A phone-sized browser context, closed when `fn` returns.
export async function withPage(browser, options, fn) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, ...options });
  const page = await context.newPage();
  try {
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

// Joins through an invitation page with a display name, handle and password; leaves the page signed in on /me.
export async function joinAs(page, base, invite, handle, password = 'a long enough password') {
  await page.goto(`${base}/join/${invite}`);
  await page.fill('#display_name', handle[0].toUpperCase() + handle.slice(1));
  await page.fill('#handle', handle);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  check(page.url().includes('/me'), `joining as ${handle} ended on ${page.url()}`);
}

// The bearer token of the session a signed-in browser context holds, for API calls that set up a scenario.
export async function sessionToken(context) {
  const session = (await context.cookies()).find((c) => c.name === 'kin_session');
  check(session && session.value, 'not signed in');
  return session.value;
}
