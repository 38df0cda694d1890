// A coordinator at work: the triage board, pairing a need with a member's offer (the helper answers), inviting
// people with a link, the hub's settings with their checks, and the event log. With JavaScript on and off, and
// in Spanish.
import { join as pathJoin } from 'node:path';
import { artifacts, check, inspect, joinAs, kin, sessionToken, tokenFrom } from '../harness.mjs';
import { withOwnServer } from '../own_server.mjs';

async function ask(base, slug, description, urgency) {
  const r = await fetch(`${base}/api/v1/hubs/${slug}/intake`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'rides', description, urgency, place: 'By the bridge',
      contact: { preferred: 'phone', phone: '+34 622 000 111' } }),
  });
  check(r.status === 201, `asking for help answered ${r.status}`);
  return (await r.json()).need.id;
}

async function coordinate(browser, base, db, { javaScriptEnabled, prefix, slug }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', slug, '--name', `Bridge ${prefix}`,
    '--languages', 'en,es', '--time-zone', 'Europe/Madrid'));
  const helperInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'member'));
  const axe = javaScriptEnabled;
  const options = { viewport: { width: 360, height: 640 }, javaScriptEnabled };
  const coordContext = await browser.newContext(options);
  const helperContext = await browser.newContext(options);
  const coord = await coordContext.newPage();
  const helper = await helperContext.newPage();
  try {
    await joinAs(helper, base, helperInvite, `driver${prefix}`);
    const r = await fetch(`${base}/api/v1/hubs/${slug}/offers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await sessionToken(helperContext)}` },
      body: JSON.stringify({ category: 'rides', description: 'Car on weekday evenings',
        capacity: { amount: 2, unit: 'rides', period: 'week' } }),
    });
    check(r.status === 201, `posting the helper's offer answered ${r.status}`);
    const low = await ask(base, slug, 'A ride to the library', 'low');
    const critical = await ask(base, slug, 'A ride to the hospital', 'critical');

    // A member is not a coordinator.
    const denied = await helper.goto(`${base}/h/${slug}/triage`);
    check(denied.status() === 403, `a member got ${denied.status()} for the triage board`);
    await inspect(helper, `${prefix}-coord-00-forbidden`, { axe });

    await joinAs(coord, base, coordInvite, `coord${prefix}`);
    await coord.click('text=Triage board');
    const items = coord.locator('.board li');
    check((await items.count()) === 2, 'the board does not show both open needs');
    check((await items.nth(0).textContent()).includes('hospital'), 'the most urgent need is not first');
    check((await coord.textContent('.lead')).includes('2 open needs'), 'the board does not count open needs');
    await inspect(coord, `${prefix}-coord-01-triage`, { axe });

    // Pairing: choosing nobody is refused at the input; then the helper is asked.
    await items.nth(0).locator('a').click();
    check((await coord.textContent('.contact')).includes('622'), 'a coordinator does not see the contact');
    await inspect(coord, `${prefix}-coord-02-need`, { axe });
    await coord.click('button:has-text("Ask this helper")');
    check((await coord.locator('#errors').count()) === 1, 'no error when pairing with nobody');
    await inspect(coord, `${prefix}-coord-03-pair-error`, { axe });
    await coord.check(`#pair-offer-${await coord.getAttribute('input[name=offer]', 'value')}`);
    await coord.fill('#pair-note', 'Lives near the bridge');
    await coord.click('button:has-text("Ask this helper")');
    check(coord.url().endsWith('?done=paired'), `expected the paired need, got ${coord.url()}`);
    check((await coord.textContent('.status')).includes('waiting for the helper'), 'the need is not held');
    check((await coord.textContent('.helper')).includes(`Driver${prefix}`), 'the coordinator does not see who holds it');
    await coord.goto(`${base}/h/${slug}/triage`);
    check((await coord.locator('.board li').count()) === 1, 'a paired need is still on the open board');
    check((await coord.textContent('main')).includes('A ride to the hospital'), 'the held need is not listed');

    // The helper answers from their page.
    await helper.goto(`${base}/me`);
    check((await helper.textContent('.tasks')).includes('say whether you can do it'), 'the helper is not asked');
    await helper.click('.tasks a');
    check((await helper.locator('.contact').count()) === 0, 'contact shown before the helper accepted');
    await inspect(helper, `${prefix}-coord-04-proposed`, { axe });
    await helper.click('button:has-text("Yes, I will do it")');
    check((await helper.textContent('.contact')).includes('622'), 'the helper does not see the contact after accepting');

    // Paper: a card per held task for the coordinator, the day sheet for the helper; both print on A4 and Letter.
    await coord.goto(`${base}/h/${slug}/print/tasks`);
    const card = await coord.textContent('.card');
    check(card.includes('A ride to the hospital') && card.includes('622') && card.includes(`Driver${prefix}`),
      'the task card lacks the need, the contact or the helper');
    await inspect(coord, `${prefix}-coord-print-cards`, { axe });
    await helper.goto(`${base}/me/day-sheet`);
    check((await helper.textContent('.card')).includes('622'), 'the day sheet lacks the contact');
    await inspect(helper, `${prefix}-coord-print-day`, { axe });
    if (javaScriptEnabled) {
      for (const format of ['A4', 'Letter']) {
        const pdf = await coord.pdf({ format, path: pathJoin(artifacts, `print-cards-${format}.pdf`) });
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
        check(pages === 1, `one task card printed on ${pages} ${format} pages`);
      }
    }

    // Invitations.
    await coord.goto(`${base}/h/${slug}/invites`);
    await coord.fill('#uses', '0');
    await coord.click('main button[type=submit]');
    check((await coord.locator('#uses-error').count()) === 1, 'no message at zero uses');
    await inspect(coord, `${prefix}-coord-05-invite-error`, { axe });
    await coord.fill('#uses', '3');
    await coord.check('#role-intake');
    await coord.click('main button[type=submit]');
    const link = (await coord.textContent('.invite-link')).trim();
    check(link.includes('/join/'), `no invitation link: ${link}`);
    await inspect(coord, `${prefix}-coord-06-invite`, { axe });
    const join = await fetch(link.replace(/^https?:\/\/[^/]+/, base));
    check(join.status === 200, `the invitation link answered ${join.status}`);

    // Settings: an unknown zone and a bad category are named at their inputs; nothing is half-saved.
    await coord.goto(`${base}/h/${slug}/settings`);
    await inspect(coord, `${prefix}-coord-07-settings`, { axe });
    await coord.fill('#name', `Bridge ${prefix} renamed`);
    await coord.fill('#time_zone', 'Mars/Olympus');
    await coord.fill('#categories', 'rides, Food Bank');
    await coord.click('main button[type=submit]');
    check((await coord.locator('#time_zone-error').count()) === 1, 'no message at an unknown time zone');
    check((await coord.textContent('#categories-error')).includes('Food Bank'), 'the bad category is not named');
    check((await coord.inputValue('#name')) === `Bridge ${prefix} renamed`, 'the name typed was lost');
    await inspect(coord, `${prefix}-coord-08-settings-errors`, { axe });
    await coord.goto(`${base}/h/${slug}`);
    check(!(await coord.textContent('h1')).includes('renamed'), 'a refused form saved something');
    await coord.goto(`${base}/h/${slug}/settings`);
    await coord.fill('#name', `Bridge ${prefix} renamed`);
    await coord.fill('#time_zone', 'America/Mexico_City');
    await coord.fill('#retention_days', '45');
    await coord.uncheck('#intake_open');
    await coord.click('main button[type=submit]');
    check((await coord.textContent('.notice')).includes('saved'), 'no confirmation after saving');
    check((await coord.inputValue('#retention_days')) === '45', 'the retention was not saved');
    await coord.goto(`${base}/h/${slug}/ask`);
    check((await coord.textContent('main')).includes('not taking requests'), 'intake is not closed');

    // The event log.
    await coord.goto(`${base}/h/${slug}/events`);
    const log = await coord.textContent('.events');
    for (const what of ['Hub created', 'Need asked for', 'Pairing proposed', 'Pairing accepted', 'Settings changed']) {
      check(log.includes(what), `the event log does not show "${what}"`);
    }
    check(!log.includes('622 000'), 'the event log shows contact details');  // the whole number: ids may hold "622"
    await inspect(coord, `${prefix}-coord-09-events`, { axe });

    for (const [path, expected, shot] of [
      [`/h/${slug}/triage`, 'Tablero de prioridades', '10-triage'],
      [`/needs/${low}`, 'Emparejar con alguien', '11-need'],
      [`/h/${slug}/invites`, 'Crear el enlace', '12-invites'],
      [`/h/${slug}/settings`, 'Zona horaria', '13-settings'],
      [`/h/${slug}/events`, 'Registro de cambios', '14-events'],
    ]) {
      await coord.goto(`${base}${path}?lang=es`);
      check((await coord.textContent('main')).includes(expected), `${path} in Spanish does not say ${expected}`);
      await inspect(coord, `${prefix}-coord-es-${shot}`, { lang: 'es', axe });
    }
    await coord.goto(`${base}/me?lang=en`);
    check(critical.length > 0, 'no need id');

    // Every coordinator page fits a 320 px screen.
    await coord.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/me', `/h/${slug}/triage`, `/needs/${low}`, `/h/${slug}/invites`, `/h/${slug}/settings`,
      `/h/${slug}/events`, `/h/${slug}/print/tasks`]) {
      await coord.goto(base + path);
      const width = await coord.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 320, `${path} is ${width} px wide`);
    }
  } finally {
    await coordContext.close();
    await helperContext.close();
  }
}

export default async function ({ test, browser, db }) {
  await test('a coordinator triages, pairs, invites, sets up the hub and reads the log', () => withOwnServer(db, (base) =>
    coordinate(browser, base, db, { javaScriptEnabled: true, prefix: 'js', slug: 'bridge-js' })));
  await test('the same with JavaScript disabled', () => withOwnServer(db, (base) =>
    coordinate(browser, base, db, { javaScriptEnabled: false, prefix: 'nojs', slug: 'bridge-nojs' })));
}
