// The public side of a hub: asking for help without an account, the status link, languages, joining and
// signing in, closed intake, forged posts.
import { join } from 'node:path';
import { artifacts, check, inspect, kin, tokenFrom } from '../harness.mjs';

const kMaxAskBytes = 30 * 1024;

async function fillAsk(page) {
  await page.check('#category-groceries');
  await page.fill('#description', 'Rice, beans and milk for a family of four');
  await page.fill('#quantity', '4');
  await page.check('#urgency-high');
  await page.check('#contact_method-sms');
  await page.fill('#phone', '+34 600 000 000');
  await page.fill('#place', 'Near the market on Calle Mayor');
  await page.fill('#accessibility', 'Third floor, no lift');
}

// A person with no account asks for help, keeps the link, follows it and cancels.
async function askFollowAndCancel(browser, base, { javaScriptEnabled, prefix }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale: 'en-GB' });
  const page = await context.newPage();
  const axe = javaScriptEnabled;
  try {
    await page.goto(`${base}/`);
    await inspect(page, `${prefix}-01-directory`, { axe });
    await page.click('text=Riverside Mutual Aid');
    await inspect(page, `${prefix}-02-hub`, { axe });
    await page.click('a.button');
    check(page.url().endsWith('/h/riverside/ask'), `expected the ask page, got ${page.url()}`);
    await inspect(page, `${prefix}-03-ask`, { axe });

    // Sending it empty shows a message at each field, and keeps what was typed.
    await page.fill('#place', 'Calle Mayor');
    await page.click('button[type=submit]');
    check((await page.locator('#errors').count()) === 1, 'no error summary after an empty submission');
    check((await page.locator('#description-error').count()) === 1, 'no message at the description');
    check((await page.inputValue('#place')) === 'Calle Mayor', 'the place typed was lost');
    await inspect(page, `${prefix}-04-ask-errors`, { axe });

    await fillAsk(page);
    await page.click('button[type=submit]');
    check(/\/s\/[A-Za-z0-9_-]{43}\/received$/.test(page.url()), `expected the confirmation, got ${page.url()}`);
    check((await page.locator('figure.qr svg path').count()) === 1, 'no QR code on the confirmation');
    const link = await page.textContent('.url a');
    check(link.startsWith(base + '/s/'), `status link ${link} does not start with ${base}/s/`);
    await inspect(page, `${prefix}-05-received`, { axe });

    await page.goto(link);
    check((await page.textContent('.status')).includes('Open'), 'the status page does not say the request is open');
    check((await page.textContent('main')).includes('Rice, beans and milk'), 'the status page does not show the need');
    await inspect(page, `${prefix}-06-status`, { axe });

    await page.fill('#description', 'Rice, beans, milk and nappies');
    await page.click('text=Save changes');
    check((await page.textContent('.notice')).includes('saved'), 'no confirmation after saving changes');
    check((await page.textContent('dl')).includes('nappies'), 'the change is not shown');

    await page.fill('#reason', 'A neighbour already helped');
    await page.click('text=Cancel my request');
    check((await page.textContent('.status')).includes('Cancelled'), 'the request does not show as cancelled');
    check((await page.locator('text=Cancel my request').count()) === 0, 'a cancelled request still offers to cancel');
    await inspect(page, `${prefix}-07-cancelled`, { axe });
  } finally {
    await context.close();
  }
}

export default async function ({ test, browser, base, db }) {
  tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'riverside', '--name', 'Riverside Mutual Aid',
    '--description', 'Neighbours sharing food, rides and care along the river.', '--languages', 'en,es',
    '--time-zone', 'Europe/Madrid'));
  const closedCoordinator = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'hillside',
    '--name', 'Hillside Pantry', '--time-zone', 'America/Mexico_City'));
  const memberInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'riverside', '--role', 'member'));

  await test('ask for help without an account, follow the status link, cancel', () =>
    askFollowAndCancel(browser, base, { javaScriptEnabled: true, prefix: 'js' }));
  await test('the same with JavaScript disabled', () =>
    askFollowAndCancel(browser, base, { javaScriptEnabled: false, prefix: 'nojs' }));

  await test('the ask page with its stylesheet weighs at most 30 KB', async () => {
    const page = await (await fetch(`${base}/h/riverside/ask`)).text();
    const href = page.match(/href="(\/static\/kin\.css[^"]*)"/)[1];
    const css = await (await fetch(base + href)).text();
    const bytes = Buffer.byteLength(page) + Buffer.byteLength(css);
    console.log(`     ask page ${Buffer.byteLength(page)} B + stylesheet ${Buffer.byteLength(css)} B = ${bytes} B`);
    check(bytes <= kMaxAskBytes, `${bytes} bytes`);
  });

  await test('pages fit a 320 px wide screen without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    try {
      for (const path of ['/', '/h/riverside', '/h/riverside/ask', '/signin', `/join/${memberInvite}`]) {
        await page.goto(base + path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        check(width <= 320, `${path} is ${width} px wide`);
      }
      await page.goto(`${base}/h/riverside/ask`);
      await fillAsk(page);
      await page.click('button[type=submit]');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 320, `the confirmation is ${width} px wide`);
      await page.screenshot({ path: join(artifacts, 'narrow-320-received.png') });
    } finally {
      await context.close();
    }
  });

  await test('every page in Spanish, from Accept-Language', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-ES' });
    const page = await context.newPage();
    try {
      const pages = [
        ['/', 'Grupos de apoyo mutuo'],
        ['/h/riverside', 'Cómo pedir ayuda'],
        ['/h/riverside/ask', '¿Qué necesita?'],
        ['/signin', 'Nombre de usuario'],
        ['/join/not-yet-used', 'Unirse a un grupo'],
        ['/reset/not-yet-used', 'Elegir una contraseña nueva'],
        ['/s/no-such-link', 'Este enlace no funciona'],
      ];
      for (const [i, [path, expected]] of pages.entries()) {
        await page.goto(base + path);
        check((await page.textContent('body')).includes(expected), `${path} does not say "${expected}"`);
        await inspect(page, `es-${String(i + 1).padStart(2, '0')}${path.replace(/[^a-z]+/g, '-')}`, { lang: 'es' });
      }
      await page.goto(`${base}/h/riverside/ask`);
      await fillAsk(page);
      await page.click('button[type=submit]');
      check((await page.textContent('h1')).includes('Recibimos su pedido'), 'no Spanish confirmation');
      await inspect(page, 'es-08-received', { lang: 'es' });
      await page.click('a.button');
      check((await page.textContent('.status')).includes('Abierto'), 'no Spanish status');
      check(/\d+ [a-z]+ \d{4}, \d\d:\d\d CES?T/.test(await page.textContent('dl')), 'dates are not in the hub time zone');
      await inspect(page, 'es-09-status', { lang: 'es' });
    } finally {
      await context.close();
    }
  });

  await test('?lang=es switches an English browser to Spanish and remembers it', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/h/riverside`);
      check((await page.getAttribute('html', 'lang')) === 'en', 'not English first');
      await page.click('a[hreflang=es]');
      check((await page.textContent('h2')).includes('Cómo pedir ayuda'), 'the switch did not change the language');
      await page.goto(`${base}/signin`);
      await inspect(page, 'lang-switch-signin', { lang: 'es' });
      await page.click('a[hreflang=en]');
      await inspect(page, 'lang-switch-back', { lang: 'en' });
    } finally {
      await context.close();
    }
  });

  await test('a member joins by invitation, signs out and signs in again', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/join/${memberInvite}`);
      await inspect(page, 'member-01-join');
      await page.fill('#display_name', 'Ana');
      await page.fill('#handle', 'a');
      await page.fill('#password', 'short');
      await page.click('button[type=submit]');
      check((await page.locator('#handle-error').count()) === 1, 'no message at a too-short handle');
      check((await page.locator('#password-error').count()) === 1, 'no message at a too-short password');
      check((await page.inputValue('#display_name')) === 'Ana', 'the name typed was lost');
      await inspect(page, 'member-02-join-errors');
      await page.fill('#handle', 'ana');
      await page.fill('#password', 'a long enough password');
      await page.click('button[type=submit]');
      check(page.url().endsWith('/me?joined=1'), `expected /me after joining, got ${page.url()}`);
      check((await page.textContent('main')).includes('Riverside Mutual Aid'), '/me does not list the hub');
      const session = (await context.cookies()).find((c) => c.name === 'kin_session');
      check(session && session.httpOnly && session.sameSite === 'Lax', 'the session cookie is not HttpOnly SameSite=Lax');
      await inspect(page, 'member-03-me');

      await page.click('text=Sign out');
      check(page.url().includes('/signin'), `expected the sign-in page after signing out, got ${page.url()}`);
      check(!(await context.cookies()).some((c) => c.name === 'kin_session' && c.value), 'the session cookie is still set');
      await page.goto(`${base}/me`);
      check(page.url().includes('/signin'), '/me is reachable after signing out');
      await page.fill('#handle', 'ana');
      await page.fill('#password', 'wrong password');
      await page.click('button[type=submit]');
      check((await page.textContent('#errors')).includes('wrong'), 'no message for a wrong password');
      await inspect(page, 'member-04-signin-wrong');
      await page.fill('#password', 'a long enough password');
      await page.click('button[type=submit]');
      check(page.url().endsWith('/me'), `expected /me after signing in, got ${page.url()}`);
      await page.click('text=Sign out');
    } finally {
      await context.close();
    }
  });

  await test('a hub whose intake is closed says so kindly', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/join/${closedCoordinator}`);
      await page.fill('#display_name', 'Coord');
      await page.fill('#handle', 'coord');
      await page.fill('#password', 'a long enough password');
      await page.click('button[type=submit]');
      const session = (await context.cookies()).find((c) => c.name === 'kin_session');
      const r = await fetch(`${base}/api/v1/hubs/hillside/settings`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${session.value}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ intake_open: false }),
      });
      check(r.ok, `closing intake failed: ${r.status} ${await r.text()}`);
      await page.goto(`${base}/h/hillside/ask`);
      check((await page.textContent('main')).includes('not taking requests'), 'no message for closed intake');
      check((await page.locator('form#ask, textarea').count()) === 0, 'the form is shown while intake is closed');
      await inspect(page, 'closed-intake');
    } finally {
      await context.close();
    }
  });

  await test('a forged post is refused and the form keeps what was typed', async () => {
    const r = await fetch(`${base}/h/riverside/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'category=food&description=forged&csrf=' + 'x'.repeat(43),
    });
    check(r.status === 403, `status ${r.status}`);
    check((await r.text()).includes('forged'), 'the typed text was not kept');
  });
}
