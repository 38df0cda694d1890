// Shared resources without JavaScript: a hub's stock page, where members record donations, intake gives stock
// out and coordinators correct counts; in English and Spanish, with JavaScript on and off.
import { check, inspect, joinAs, kin, sessionToken, tokenFrom } from '../harness.mjs';

async function newContext(browser, { javaScriptEnabled = true, locale = 'en-GB' } = {}) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale });
}

async function amountOf(page, name) {
  return (await page.locator('li', { has: page.locator(`h2:text-is("${name}")`) }).locator('strong').textContent()).trim();
}

export default async function ({ test, browser, base, db }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'pantry', '--name', 'Pantry',
    '--languages', 'en,es'));
  const intakeInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'pantry', '--role', 'intake'));
  const memberInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'pantry', '--role', 'member'));

  const coord = await newContext(browser, { locale: 'es-ES' });
  const coordPage = await coord.newPage();
  await joinAs(coordPage, base, coordInvite, 'despensa');
  const token = await sessionToken(coord);
  const r = await fetch(`${base}/api/v1/hubs/pantry/stock`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Rice', category: 'dry-food', unit: 'bag', quantity: 4, low_at: 2,
      place: 'Back shelf', best_before: '2031-01-31' }),
  });
  check(r.status === 201, `creating stock failed: ${r.status} ${await r.text()}`);

  await test('a member records a donation on the stock page (JavaScript on, axe clean)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${base}/h/pantry/stock`);
      check(page.url().includes('/signin'), `signed out, expected the sign-in page, got ${page.url()}`);
      await joinAs(page, base, memberInvite, 'nora');
      await page.goto(`${base}/h/pantry`);
      await page.click('text=The hub\'s stock');
      check(page.url().endsWith('/h/pantry/stock'), `the hub page does not lead to the stock, got ${page.url()}`);
      check((await amountOf(page, 'Rice')) === '4 bag', 'the quantity is not shown');
      check((await page.locator('button:text-is("Give out")').count()) === 0, 'a plain member is offered to give stock out');
      await inspect(page, 'stock-01-member');
      await page.fill('input[id^=donate-]', 'lots');
      await page.click('text=Record a donation');
      check((await page.textContent('#errors')).includes('whole number'), 'no message for a quantity in words');
      await inspect(page, 'stock-02-bad-quantity');
      await page.fill('input[id^=donate-]', '3');
      await page.click('text=Record a donation');
      check((await page.textContent('.notice')).includes('donation is recorded'), 'no confirmation of the donation');
      check((await amountOf(page, 'Rice')) === '7 bag', 'the donation is not counted');
      await inspect(page, 'stock-03-donated');
    } finally {
      await context.close();
    }
  });

  await test('intake gives stock out without JavaScript and cannot take it below zero', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await joinAs(page, base, intakeInvite, 'ines');
      await page.goto(`${base}/h/pantry/stock`);
      await page.fill('input[id^=distribute-]', '50');
      await page.click('button:text-is("Give out")');
      check((await page.textContent('#errors')).includes('not enough left'), 'no message when too few are left');
      check((await amountOf(page, 'Rice')) === '7 bag', 'a refused distribution changed the quantity');
      await inspect(page, 'stock-04-not-enough', { axe: false });
      await page.fill('input[id^=distribute-]', '6');
      await page.click('button:text-is("Give out")');
      check((await amountOf(page, 'Rice')) === '1 bag', 'the distribution is not counted');
      check((await page.textContent('main')).includes('running low'), 'low stock is not shown');
      check((await page.locator('text=Correct the count').count()) === 0, 'intake is offered to correct counts');
      await inspect(page, 'stock-05-given-out', { axe: false });
    } finally {
      await context.close();
    }
  });

  await test('a coordinator corrects a count in Spanish', async () => {
    try {
      await coordPage.goto(`${base}/h/pantry/stock`);
      await inspect(coordPage, 'stock-06-es', { lang: 'es' });
      await coordPage.fill('input[id^=count-]', '2');
      await coordPage.click('text=Corregir el recuento');
      check((await coordPage.textContent('#errors')).includes('por qué'), 'no message for a count without a reason');
      await inspect(coordPage, 'stock-07-es-no-reason', { lang: 'es' });
      await coordPage.fill('input[id^=count-]', '2');
      await coordPage.fill('input[id^=reason-]', 'Encontramos otra bolsa');
      await coordPage.click('text=Corregir el recuento');
      check((await coordPage.textContent('.notice')).includes('recuento quedó corregido'), 'no confirmation');
      check((await amountOf(coordPage, 'Rice')) === '2 bag', 'the count is not applied');
    } finally {
      await coord.close();
    }
  });

  await test('a forged stock post is refused and changes nothing', async () => {
    const before = await (await fetch(`${base}/api/v1/hubs/pantry/stock/export`, {
      headers: { Authorization: `Bearer ${token}` } })).text();
    const item = before.split('\r\n')[1].split(',')[0];
    const res = await fetch(`${base}/h/pantry/stock/${item}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `kin_session=${token}` },
      body: 'do=donate&quantity=5&csrf=' + 'x'.repeat(43),
    });
    check(res.status === 403, `status ${res.status}`);
    const after = await (await fetch(`${base}/api/v1/hubs/pantry/stock/export`, {
      headers: { Authorization: `Bearer ${token}` } })).text();
    check(after === before, 'a forged post changed the stock');
  });
}
