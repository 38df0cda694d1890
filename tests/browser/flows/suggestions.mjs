// Suggestions: a coordinator confirms what the engine proposes, and a helper accepts or declines what was
// proposed to them, with JavaScript on and off and in Spanish.
import { check, inspect, joinAs, kin, sessionToken, tokenFrom, withPage } from '../harness.mjs';

async function api(base, token, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  check(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Reloads `page` until `selector` appears: the engine runs in the background within a moment of a change.
async function waitFor(page, url, selector) {
  for (let i = 0; i < 100; i++) {
    await page.goto(url);
    if ((await page.locator(selector).count()) > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} never appeared on ${url}`);
}

async function scenario(browser, base, db, slug, { javaScriptEnabled, prefix, locale = 'en-GB', lang = 'en' }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', slug, '--name', `Eastside ${prefix}`,
    '--languages', 'en,es', '--time-zone', 'Europe/Madrid'));
  const helperInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'member'));
  const askerInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'member'));
  const url = `${base}/h/${slug}/suggestions`;
  const options = { javaScriptEnabled, locale };

  await withPage(browser, options, async (helperPage, helperContext) => {
    await withPage(browser, options, async (coordPage, coordContext) => {
      await joinAs(coordPage, base, coordInvite, `${prefix}coord`);
      await joinAs(helperPage, base, helperInvite, `${prefix}helper`);
      const helper = await sessionToken(helperContext);
      await api(base, helper, 'POST', `/api/v1/hubs/${slug}/offers`, {
        category: 'groceries', description: 'I shop on Saturdays', capacity: { amount: 5, unit: 'bags', period: 'week' },
      });
      const asker = await withPage(browser, {}, async (p, c) => {
        await joinAs(p, base, askerInvite, `${prefix}asker`);
        return sessionToken(c);
      });
      const ask = (description, urgency) => api(base, asker, 'POST', `/api/v1/hubs/${slug}/needs`,
        { category: 'groceries', description, urgency });
      await ask('Rice and milk for two', 'high');

      // The coordinator sees why and confirms the ticked one.
      await waitFor(coordPage, url, 'input[type=checkbox]');
      check((await coordPage.textContent('main')).includes('Rice and milk for two'), 'the need is not shown');
      await inspect(coordPage, `${prefix}-suggest-01-coordinator`, { lang, axe: javaScriptEnabled });
      await coordPage.click('button[value=confirm_selected]');
      check((await coordPage.locator('#errors').count()) === 1, 'confirming nothing ticked gave no message');
      await coordPage.check('input[type=checkbox]');
      await coordPage.click('button[value=confirm_selected]');
      check(coordPage.url().includes('done=confirmed&n=1'), `expected one confirmed, got ${coordPage.url()}`);
      check((await coordPage.locator('.notice').count()) === 1, 'no notice after confirming');
      await inspect(coordPage, `${prefix}-suggest-02-confirmed`, { lang, axe: javaScriptEnabled });

      // The helper takes one suggestion and declines another, first forgetting the reason.
      await ask('A bag of fruit', 'normal');
      await waitFor(helperPage, url, 'button[value=accept]');
      await inspect(helperPage, `${prefix}-suggest-03-helper`, { lang, axe: javaScriptEnabled });
      await helperPage.click('button[value=accept]');
      check(helperPage.url().includes('done=accepted'), `expected accepted, got ${helperPage.url()}`);
      await ask('Nappies, size 4', 'low');
      await waitFor(helperPage, url, 'button[value=decline]');
      await helperPage.click('button[value=decline]');
      check((await helperPage.locator('#errors').count()) === 1, 'declining without a reason gave no message');
      await inspect(helperPage, `${prefix}-suggest-04-decline-error`, { lang, axe: javaScriptEnabled });
      await helperPage.fill('input[name=reason]', 'No car this week');
      await helperPage.click('button[value=decline]');
      check(helperPage.url().includes('done=declined'), `expected declined, got ${helperPage.url()}`);

      // With nobody else to ask, the coordinator sees why the declined need is unmet.
      await waitFor(coordPage, url, 'text=Nappies, size 4');
      check((await coordPage.locator('#unmet-h ~ ul li').count()) >= 1, 'the unmet need is not listed');
      await inspect(coordPage, `${prefix}-suggest-05-unmet`, { lang, axe: javaScriptEnabled });
    });
  });
}

export default async function ({ test, browser, base, db }) {
  await test('a coordinator confirms suggestions; a helper accepts one and declines another', () =>
    scenario(browser, base, db, 'eastside', { javaScriptEnabled: true, prefix: 'js' }));
  await test('the same with JavaScript disabled', () =>
    scenario(browser, base, db, 'eastside-nojs', { javaScriptEnabled: false, prefix: 'nojs' }));
  await test('the same in Spanish', () =>
    scenario(browser, base, db, 'eastside-es', { javaScriptEnabled: true, prefix: 'es', locale: 'es-ES', lang: 'es' }));
}
