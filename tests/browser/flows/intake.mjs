// Intake at the desk: enters a need for someone who phoned (no account), finds it again by words, and merges a
// second call about the same need into the first. With JavaScript on and off, and in Spanish.
import { check, inspect, joinAs, kin, tokenFrom } from '../harness.mjs';
import { withOwnServer } from '../own_server.mjs';

async function enter(page, base, slug, description) {
  await page.goto(`${base}/h/${slug}/intake/new`);
  await page.check('#category-food');
  await page.fill('#description', description);
  await page.check('#contact_method-phone');
  await page.fill('#phone', '+34 633 444 555');
  await page.fill('#place', 'Plaza Mayor');
  await page.click('main button[type=submit]');
}

async function desk(browser, base, db, { javaScriptEnabled, prefix, slug }) {
  kin('admin', 'create-hub', '--db', db, '--slug', slug, '--name', `Plaza ${prefix}`, '--languages', 'en,es',
    '--time-zone', 'America/Mexico_City');
  const invite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'intake'));
  const memberInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'member'));
  const axe = javaScriptEnabled;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
  const page = await context.newPage();
  try {
    await joinAs(page, base, invite, `desk${prefix}`);
    await page.click('text=Intake desk');
    await inspect(page, `${prefix}-intake-01-desk`, { axe });

    // The entry form checks like the public one and keeps what was typed.
    await page.click('text=Enter a need for someone');
    await inspect(page, `${prefix}-intake-02-new`, { axe });
    await page.fill('#place', 'Plaza Mayor');
    await page.click('main button[type=submit]');
    check((await page.locator('#description-error').count()) === 1, 'no message at the description');
    check((await page.inputValue('#place')) === 'Plaza Mayor', 'the place typed was lost');
    await inspect(page, `${prefix}-intake-03-new-errors`, { axe });

    await enter(page, base, slug, 'Hot meals for an older couple');
    check(page.url().includes('done=entered'), `expected the desk after entering, got ${page.url()}`);
    check((await page.locator('.results li').count()) === 1, 'the entered need is not found by its words');
    await enter(page, base, slug, 'Hot meals for the older couple (called again)');
    await enter(page, base, slug, 'Nappies');

    // Search by words, kind and status.
    await page.goto(`${base}/h/${slug}/intake`);
    check((await page.locator('.results li').count()) === 3, 'the desk does not list the open needs');
    await page.fill('#q', 'HOT couple');
    await page.click('button:has-text("Find")');
    check((await page.locator('.results li').count()) === 2, 'the words do not narrow the search');
    await page.selectOption('#category', 'rides');
    await page.click('button:has-text("Find")');
    check((await page.locator('.results li').count()) === 0, 'the kind does not narrow the search');
    await page.selectOption('#category', 'food');
    await page.click('button:has-text("Find")');
    await inspect(page, `${prefix}-intake-04-found`, { axe });

    // Merging: both choices are required, then the duplicate is closed with a link to the one kept.
    await page.click('button:has-text("Merge them")');
    check((await page.locator('#kept-error').count()) === 1, 'no message when nothing is chosen to keep');
    check((await page.inputValue('#q')) === 'HOT couple', 'the search was lost after a refused merge');
    await inspect(page, `${prefix}-intake-05-merge-errors`, { axe });
    const options = page.locator('input[name=kept]');
    const first = await options.nth(1).getAttribute('value');   // newest first: the earlier call is second
    const second = await options.nth(0).getAttribute('value');
    await page.check(`#kept-${first}`);
    await page.check(`#duplicate-${second}`);
    await page.click('button:has-text("Merge them")');
    check(page.url().endsWith(`/needs/${second}?done=merged`), `expected the merged need, got ${page.url()}`);
    check((await page.textContent('.status')).includes('Cancelled'), 'the duplicate is not closed');
    await inspect(page, `${prefix}-intake-06-merged`, { axe });
    await page.click('text=See the need that was kept');
    check(page.url().endsWith(`/needs/${first}`), `the link does not lead to the kept need: ${page.url()}`);
    check((await page.textContent('.status')).includes('Open'), 'the kept need is not open');

    await page.goto(`${base}/h/${slug}/intake?status=any&q=couple`);
    check((await page.textContent('.results')).includes('Cancelled'), 'a search over every status misses the duplicate');

    // A plain member has no desk.
    const other = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
    const member = await other.newPage();
    await joinAs(member, base, memberInvite, `plain${prefix}`);
    const denied = await member.goto(`${base}/h/${slug}/intake`);
    check(denied.status() === 403, `a member got ${denied.status()} at the intake desk`);
    await other.close();

    for (const [path, expected, shot] of [
      [`/h/${slug}/intake`, 'Recepción', '07-desk'],
      [`/h/${slug}/intake/new`, 'Registrar una necesidad', '08-new'],
      [`/needs/${second}`, 'Se cerró como duplicada', '09-merged'],
    ]) {
      await page.goto(`${base}${path}?lang=es`);
      check((await page.textContent('main')).includes(expected), `${path} in Spanish does not say ${expected}`);
      await inspect(page, `${prefix}-intake-es-${shot}`, { lang: 'es', axe });
    }
    await page.goto(`${base}/me?lang=en`);

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [`/h/${slug}/intake?status=any`, `/h/${slug}/intake/new`, `/needs/${second}`, '/me/profile',
      '/me/data', '/me/day-sheet']) {
      await page.goto(base + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 320, `${path} is ${width} px wide`);
    }
  } finally {
    await context.close();
  }
}

export default async function ({ test, browser, db }) {
  await test('intake enters a need for someone, finds it, merges a duplicate', () => withOwnServer(db, (base) =>
    desk(browser, base, db, { javaScriptEnabled: true, prefix: 'js', slug: 'plaza-js' })));
  await test('the same with JavaScript disabled', () => withOwnServer(db, (base) =>
    desk(browser, base, db, { javaScriptEnabled: false, prefix: 'nojs', slug: 'plaza-nojs' })));
}
