// /h/{slug}/federation (issue 10): a coordinator asks to follow another hub by its address (an empty address is
// refused at the input), the other hub's coordinator approves the request from the page in Spanish, the first
// sees the follow accepted (delivered through the server's own inbox, signed), then stops following; with
// JavaScript off and on, axe on every page.
import { check, inspect, kin, tokenFrom } from '../harness.mjs';

const kPassword = 'a long enough password';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function coordinatorIn(context, base, invite, handle) {
  const r = await fetch(`${base}/api/v1/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ invite, handle, password: kPassword, display_name: handle }),
  });
  const body = await r.text();
  check(r.status === 201, `joining as ${handle}: ${r.status} ${body}`);
  await context.addCookies([{ name: 'kin_session', value: JSON.parse(body).session.token, url: base }]);
}

// Reloads `url` until `text` shows (deliveries go out within about a second).
async function waitForText(page, url, text) {
  for (let i = 0; i < 50; i++) {
    await page.goto(url);
    if ((await page.textContent('main')).includes(text)) return;
    await sleep(200);
  }
  throw new Error(`${url} never showed "${text}"`);
}

export default async function ({ test, browser, base, db }) {
  const host = new URL(base).host;
  const inviteA = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'fed-north', '--name', 'North Pantry',
    '--languages', 'en,es'));
  const inviteB = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'fed-south', '--name', 'South Kitchen',
    '--languages', 'es,en'));
  const north = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false,
    locale: 'en-GB' });
  // The same coordinator with JavaScript on, for axe (which needs it) on the same pages.
  const northJs = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
  const south = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-ES',
    extraHTTPHeaders: { 'Accept-Language': 'es' } });
  try {
    await coordinatorIn(north, base, inviteA, 'fednorth');
    await northJs.addCookies(await north.cookies());
    const aJs = await northJs.newPage();
    await coordinatorIn(south, base, inviteB, 'fedsouth');
    const a = await north.newPage();
    const b = await south.newPage();

    await test('federation: ask to follow another hub, without JavaScript', async () => {
      await a.goto(`${base}/h/fed-north/federation`);
      check((await a.textContent('main')).includes(`@fed-north@${host}`), 'the hub\'s own address is not shown');
      await inspect(a, 'federation-01-empty', { axe: false });
      await aJs.goto(`${base}/h/fed-north/federation`);
      await inspect(aJs, 'federation-01-empty-js');
      await a.click('text=Ask to follow');
      check((await a.locator('#target-error').count()) === 1, 'no message at the address for an empty one');
      await inspect(a, 'federation-02-empty-address', { axe: false });
      await aJs.click('text=Ask to follow');
      await inspect(aJs, 'federation-02-empty-address-js');
      await a.fill('#target', `@fed-south@${host}`);
      await a.click('text=Ask to follow');
      check(a.url().endsWith('/h/fed-north/federation?followed=1'), `after following: ${a.url()}`);
      check((await a.textContent('main')).includes('waiting for their answer'), 'the follow is not shown pending');
      await inspect(a, 'federation-03-asked', { axe: false });
      await aJs.goto(`${base}/h/fed-north/federation?followed=1`);
      await inspect(aJs, 'federation-03-asked-js');
    });

    await test('federation: the other coordinator approves, in Spanish, and both sides show it', async () => {
      await waitForText(b, `${base}/h/fed-south/federation`, `@fed-north@${host}`);
      await inspect(b, 'federation-04-request-es', { lang: 'es' });
      await b.click('text=Aceptar');
      check(b.url().endsWith('?approved=1'), `after approving: ${b.url()}`);
      check((await b.textContent('main')).includes('Desde'), 'the follower is not listed');
      await inspect(b, 'federation-05-approved-es', { lang: 'es' });
      await waitForText(a, `${base}/h/fed-north/federation`, `@fed-south@${host} · following`);
      await inspect(a, 'federation-06-accepted', { axe: false });
      await aJs.goto(`${base}/h/fed-north/federation`);
      await inspect(aJs, 'federation-06-accepted-js');
      await a.click('text=Stop following');
      check(a.url().endsWith('?unfollowed=1'), `after unfollowing: ${a.url()}`);
      check((await a.textContent('main')).includes('This hub follows no other hub yet.'), 'still following');
      await waitForText(b, `${base}/h/fed-south/federation`, 'Todavía ningún otro grupo sigue a este.');
    });
  } finally {
    await north.close();
    await northJs.close();
    await south.close();
  }
}
