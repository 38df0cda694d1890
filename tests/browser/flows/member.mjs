// A member at work: posts an offer, finds a need that fits it, claims it, sees how to reach the person, marks
// it started and delivered; hands another back with a reason; pauses and resumes the offer. With JavaScript on
// and off, and in Spanish.
import { check, inspect, joinAs, kin, tokenFrom } from '../harness.mjs';
import { withOwnServer } from '../own_server.mjs';

// Asks for help through the public API (no account), as the ask page would, with private contact details.
async function ask(base, slug, description, extra = {}) {
  const r = await fetch(`${base}/api/v1/hubs/${slug}/intake`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      category: 'groceries', description, place: 'Near the market', urgency: 'high',
      contact: { preferred: 'phone', phone: '+34 611 222 333', address: 'Calle Mayor 7, 2B' }, ...extra,
    }),
  });
  check(r.status === 201, `asking for help answered ${r.status}`);
  return (await r.json()).need.id;
}

async function memberWorks(browser, base, db, { javaScriptEnabled, prefix, slug }) {
  kin('admin', 'create-hub', '--db', db, '--slug', slug, '--name', `Market ${prefix}`, '--languages', 'en,es',
    '--time-zone', 'Europe/Madrid');
  const invite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', slug, '--role', 'member', '--uses', '5'));
  const needId = await ask(base, slug, 'Rice and beans for a family of four');
  const secondId = await ask(base, slug, 'Nappies and milk');
  await ask(base, slug, 'Bread near the river', { location: { lat: 40.4180, lon: -3.7050 } });
  await ask(base, slug, 'Soup across the country', { location: { lat: 41.3851, lon: 2.1734 } });
  const axe = javaScriptEnabled;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
  const page = await context.newPage();
  try {
    await joinAs(page, base, invite, `helper${prefix}`);
    check((await page.locator('.offers').count()) === 0, 'a new member already has offers');
    await inspect(page, `${prefix}-member-01-me-empty`, { axe });

    // Offering help: an empty form gets a message at each input and keeps what was typed.
    await page.click('text=Offer help');
    await inspect(page, `${prefix}-member-02-offer`, { axe });
    await page.fill('#amount', '');
    await page.fill('#availability', 'Weekday evenings');
    await page.click('main button[type=submit]');
    check((await page.locator('#errors').count()) === 1, 'no error summary on an empty offer');
    for (const id of ['#category-error', '#description-error', '#amount-error', '#unit-error']) {
      check((await page.locator(id).count()) === 1, `no message at ${id}`);
    }
    check((await page.inputValue('#availability')) === 'Weekday evenings', 'the availability typed was lost');
    await inspect(page, `${prefix}-member-03-offer-errors`, { axe });
    await page.check('#category-groceries');
    await page.fill('#description', 'I can shop and bring groceries');
    await page.fill('#amount', '3');
    await page.fill('#unit', 'deliveries');
    await page.fill('#radius_km', '3');
    await page.click('summary');  // a native details element: opens with or without JavaScript
    await page.fill('#lat', '40,4168');
    await page.fill('#lon', '-3.7038');
    await page.click('main button[type=submit]');
    check(page.url().endsWith('/me?done=offer'), `expected /me after posting, got ${page.url()}`);
    check((await page.textContent('.offers')).includes('3 deliveries a week'), 'the offer is not on /me');
    const fits = await page.textContent('.fits');
    check(fits.includes('Rice and beans') && fits.includes('Nappies'), 'needs that fit the offer are not on /me');
    check(/Bread near the river[^]*about 0\.\d km away/.test(fits), 'a near need is not shown with its distance');
    check(!fits.includes('Soup across the country'), 'a need beyond the offer’s distance is shown');
    check(!fits.includes('Calle Mayor') && !fits.includes('611'), 'the dashboard shows private contact details');
    await inspect(page, `${prefix}-member-04-me-offer`, { axe });

    // Browsing the hub's needs: approximate place only, and the filters.
    await page.click('text=Needs in this hub');
    const list = await page.textContent('main');
    check(list.includes('Near the market') && !list.includes('Calle Mayor'), 'the list shows more than the rough area');
    await page.selectOption('#category', 'rides');
    await page.click('button:has-text("Show")');
    check((await page.locator('.needs li').count()) === 0, 'the category filter does not filter');
    await inspect(page, `${prefix}-member-05-needs-filtered`, { axe });
    await page.selectOption('#category', 'groceries');
    await page.selectOption('#urgency', 'high');
    await page.click('button:has-text("Show")');
    check((await page.locator('.needs li').count()) === 4, 'the filters hide matching needs');
    await inspect(page, `${prefix}-member-06-needs`, { axe });

    // Before claiming, the need's page does not say how to reach the person.
    await page.goto(`${base}/needs/${needId}`);
    check((await page.locator('.contact').count()) === 0, 'contact details shown before claiming');
    await inspect(page, `${prefix}-member-07-need`, { axe });
    await page.click('button:has-text("I will do it")');
    check(page.url().endsWith('?done=claimed'), `expected the claimed need, got ${page.url()}`);
    check((await page.textContent('.contact')).includes('+34 611 222 333'), 'the helper does not see the phone');
    check((await page.textContent('.address')).includes('Calle Mayor 7'), 'the helper does not see the address');
    await inspect(page, `${prefix}-member-08-claimed`, { axe });

    await page.goto(`${base}/me`);
    check((await page.textContent('.tasks')).includes('Next: get in touch'), 'the task and its next action are not on /me');
    await page.click('.tasks a');
    await page.click('text=I have started');
    check((await page.textContent('.status')).includes('In progress'), 'not in progress after starting');
    await page.click('text=Mark as delivered');
    check((await page.textContent('.status')).includes('Delivered'), 'not delivered');
    check((await page.locator('text=Mark as delivered').count()) === 0, 'a delivered task still offers to deliver');
    await inspect(page, `${prefix}-member-09-delivered`, { axe });

    // "I can't do it" needs a reason, then opens the need again.
    await page.goto(`${base}/needs/${secondId}`);
    await page.click('button:has-text("I will do it")');
    await page.click('text=Hand this task back');
    check((await page.locator('#reason-error').count()) === 1, 'no message at an empty reason');
    await inspect(page, `${prefix}-member-10-release-error`, { axe });
    await page.fill('#reason', 'My car broke down');
    await page.click('text=Hand this task back');
    check((await page.textContent('.status')).includes('Open'), 'the need is not open again after handing it back');
    check((await page.locator('.contact').count()) === 0, 'contact details still shown after handing back');

    // Pause and resume.
    await page.goto(`${base}/me`);
    await page.click('text=Pause this offer');
    check((await page.textContent('.offers')).includes('Paused'), 'the offer is not paused');
    check((await page.locator('.fits').count()) === 0, 'a paused offer still brings needs');
    await page.click('text=Resume this offer');
    check((await page.textContent('.offers')).includes('Active'), 'the offer is not active again');

    // The same pages in Spanish.
    for (const [path, expected, shot] of [
      ['/me', 'Mis ofertas', '11-me'],
      [`/h/${slug}/needs`, 'Necesidades abiertas', '12-needs'],
      [`/needs/${secondId}`, 'Encargarme de esto', '13-need'],
      [`/h/${slug}/offers/new`, '¿Qué puede hacer?', '14-offer'],
    ]) {
      await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=es`);
      check((await page.textContent('main')).includes(expected), `${path} in Spanish does not say ${expected}`);
      await inspect(page, `${prefix}-member-es-${shot}`, { lang: 'es', axe });
    }
    await page.goto(`${base}/me?lang=en`);
  } finally {
    await context.close();
  }
}

async function profileAndData(browser, base, db, { javaScriptEnabled, prefix }) {
  const invite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'market-js', '--role', 'member'));
  const axe = javaScriptEnabled;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
  const page = await context.newPage();
  const handle = `leaving${prefix}`;
  try {
    await joinAs(page, base, invite, handle);
    await page.click('text=My profile and notifications');
    await inspect(page, `${prefix}-profile-01`, { axe });
    await page.fill('#display_name', '');
    await page.check('#pairings');
    await page.click('main button[type=submit]');
    check((await page.locator('#display_name-error').count()) === 1, 'no message at an empty name');
    check(await page.isChecked('#pairings'), 'the choice ticked was lost');
    await inspect(page, `${prefix}-profile-02-errors`, { axe });
    await page.fill('#display_name', 'Luz');
    await page.check('#lang_es');
    await page.click('main button[type=submit]');
    check((await page.textContent('.notice')).includes('saved'), 'no confirmation after saving the profile');
    check(await page.isChecked('#pairings') && !(await page.isChecked('#fitting_needs')), 'the choices were not kept');
    check(await page.isChecked('#lang_es'), 'the language was not kept');

    await page.click('text=My data and deleting my account');
    await inspect(page, `${prefix}-data-01`, { axe });
    const download = await page.request.get(`${base}/me/data.json`);
    check(download.status() === 200, `the download answered ${download.status()}`);
    check((download.headers()['content-disposition'] || '').includes('attachment'), 'the data is not a download');
    const data = await download.json();
    check(data.profile.handle === handle && data.profile.display_name === 'Luz', 'the download does not hold the handle');
    check(data.notifications.pairings === true && data.notifications.fitting_needs === false,
      'the download does not hold the notification choices');

    await page.fill('#password', 'not my password');
    await page.click('text=Delete my account for good');
    check((await page.locator('#password-error').count()) === 1, 'no message at a wrong password');
    await inspect(page, `${prefix}-data-02-wrong`, { axe });
    await page.fill('#password', 'a long enough password');
    await page.click('text=Delete my account for good');
    check((await page.textContent('h1')).includes('Your account is deleted'), 'no confirmation after deleting');
    await inspect(page, `${prefix}-data-03-deleted`, { axe });
    await page.goto(`${base}/me`);
    check(page.url().includes('/signin'), 'still signed in after deleting the account');
    await page.fill('#handle', handle);
    await page.fill('#password', 'a long enough password');
    await page.click('main button[type=submit]');
    check(page.url().includes('/signin'), 'a deleted account can still sign in');
  } finally {
    await context.close();
  }
}

export default async function ({ test, browser, db }) {
  await test('a member offers help, claims a need, delivers it, hands another back', () => withOwnServer(db, (base) =>
    memberWorks(browser, base, db, { javaScriptEnabled: true, prefix: 'js', slug: 'market-js' })));
  await test('the same with JavaScript disabled', () => withOwnServer(db, (base) =>
    memberWorks(browser, base, db, { javaScriptEnabled: false, prefix: 'nojs', slug: 'market-nojs' })));

  for (const javaScriptEnabled of [true, false]) {
    await test(`profile, notification choices, download my data, delete my account (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
      () => withOwnServer(db, (base) =>
        profileAndData(browser, base, db, { javaScriptEnabled, prefix: javaScriptEnabled ? 'js' : 'nojs' })));
  }

  await test('an unknown page is a translated HTML page, and a missing role a translated 403', () => withOwnServer(db, async (base) => {
    for (const [lang, words] of [['en', 'Page not found'], ['es', 'Página no encontrada']]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: lang });
      const page = await context.newPage();
      try {
        const r = await page.goto(`${base}/no/such/page`);
        check(r.status() === 404, `an unknown page answered ${r.status()}`);
        check((await page.textContent('h1')).includes(words), `the ${lang} 404 does not say ${words}`);
        await inspect(page, `${lang}-404`, { lang });
        const invite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'market-js', '--role', 'member'));
        await joinAs(page, base, invite, `curious${lang}`);
        const denied = await page.goto(`${base}/h/market-js/settings`);
        check(denied.status() === 403, `a member got ${denied.status()} for the settings`);
        await inspect(page, `${lang}-403`, { lang });
      } finally {
        await context.close();
      }
    }
  }));

  await test('member pages fit 320 px and send strangers to sign in', () => withOwnServer(db, async (base) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/h/market-js/needs`);
      check(page.url().includes('/signin?next='), `a signed-out visit was not sent to sign in: ${page.url()}`);
      const invite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'market-js', '--role', 'member'));
      await joinAs(page, base, invite, 'narrow');
      for (const path of ['/me', '/h/market-js/needs', '/h/market-js/offers/new']) {
        await page.goto(base + path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        check(width <= 320, `${path} is ${width} px wide`);
      }
      // A member of another hub learns nothing about this one's needs.
      const other = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'elsewhere', '--name', 'Elsewhere'));
      check(other.length > 0, 'no invite');
      const r = await page.goto(`${base}/h/elsewhere/needs`);
      check(r.status() === 403, `a non-member got ${r.status()} for another hub's needs`);
    } finally {
      await context.close();
    }
  }));
}
