// /h/{slug}/escalations and the need page's "Offer to other hubs" (issue 10), between two hubs of one server
// (each delivers to the other through the server's own signed inbox, as two servers would): North's coordinator
// offers a need from its page, which then shows where it went; South's coordinator accepts it in Spanish, North
// confirms the hand-over from the need page and South opens the need that arrived, with the person's phone and
// where it came from. JavaScript off for the clicks and on for axe.
import { check, inspect, kin, tokenFrom } from '../harness.mjs';

const kPassword = 'a long enough password';
const kPhone = '+34 622 413 908';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(base, method, path, token, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null, text };
}

async function join(base, invite, handle) {
  const r = await api(base, 'POST', '/api/v1/join', null,
    { invite, handle, password: kPassword, display_name: handle });
  check(r.status === 201, `joining as ${handle}: ${r.status} ${r.text}`);
  return r.json.session.token;
}

async function waitFor(what, fn) {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Reloads `url` until `text` shows (deliveries go out within about a second).
async function waitForText(page, url, text) {
  await waitFor(`${url} to show "${text}"`, async () => {
    await page.goto(url);
    return (await page.textContent('main')).includes(text);
  });
}

export default async function ({ test, browser, base, db }) {
  const host = new URL(base).host;
  const hub = (slug, name, langs) =>
    tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', slug, '--name', name, '--languages', langs));
  const north = await join(base, hub('esc-north', 'North Pantry', 'en,es'), 'escnorth');
  const south = await join(base, hub('esc-south', 'Despensa Sur', 'es,en'), 'escsur');
  const asker = await join(base, tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'esc-north', '--role',
    'member')), 'escasker');
  for (const [slug, token, lat, lon] of [['esc-north', north, 40.4168, -3.7038], ['esc-south', south, 40.4100, -3.7100]]) {
    const r = await api(base, 'PATCH', `/api/v1/hubs/${slug}/settings`, token,
      { area: { center: { lat, lon }, radius_km: 5 } });
    check(r.status === 200, `area of ${slug}: ${r.status} ${r.text}`);
  }
  let r = await api(base, 'POST', '/api/v1/hubs/esc-north/federation/following', north,
    { target: `@esc-south@${host}` });
  check(r.status === 201, `following: ${r.status} ${r.text}`);
  const northActor = `${base}/federation/hubs/esc-north`;
  await waitFor('the follow request', async () =>
    (await api(base, 'GET', '/api/v1/hubs/esc-south/federation/requests', south)).json.items.length === 1);
  r = await api(base, 'POST', '/api/v1/hubs/esc-south/federation/approve', south, { actor: northActor });
  check(r.status === 200, `approving: ${r.status} ${r.text}`);
  await waitFor('the Accept', async () => (await api(base, 'GET', '/api/v1/hubs/esc-north/federation/following',
    north)).json.items.some((f) => f.state === 'accepted'));
  r = await api(base, 'POST', '/api/v1/hubs/esc-north/needs', asker, {
    category: 'groceries', description: 'Food for the week', quantity: 3, urgency: 'high',
    location: { lat: 40.4170, lon: -3.7040 }, contact: { preferred: 'phone', phone: kPhone },
  });
  check(r.status === 201, `asking: ${r.status} ${r.text}`);
  const need = r.json.id;

  const context = (token, options) => browser.newContext({ viewport: { width: 360, height: 640 }, ...options })
    .then(async (c) => { await c.addCookies([{ name: 'kin_session', value: token, url: base }]); return c; });
  const northNoJs = await context(north, { javaScriptEnabled: false, locale: 'en-GB' });
  const northJs = await context(north, { locale: 'en-GB' });
  const southEs = await context(south, { javaScriptEnabled: false, locale: 'es-ES',
    extraHTTPHeaders: { 'Accept-Language': 'es' } });
  const southEsJs = await context(south, { locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es' } });
  try {
    const a = await northNoJs.newPage();
    const aJs = await northJs.newPage();
    const b = await southEs.newPage();
    const bJs = await southEsJs.newPage();

    await test('escalation: a coordinator offers a need to other hubs from its page, without JavaScript', async () => {
      await a.goto(`${base}/needs/${need}`);
      await inspect(a, 'escalation-01-need', { axe: false });
      await aJs.goto(`${base}/needs/${need}`);
      await inspect(aJs, 'escalation-01-need-js');
      await a.click('button:has-text("Offer to other hubs")');
      check(a.url().endsWith(`/needs/${need}?escalated=1`), `after offering: ${a.url()}`);
      check((await a.textContent('main')).includes('Offered to the hubs this hub follows nearby.'), 'no notice');
      // The need page now says where it went, and does not offer to send it again.
      const offered = await a.textContent('main');
      check(offered.includes('Between hubs') && offered.includes('offered, waiting for an answer'),
        'the need page does not show the escalation');
      check(offered.includes(`Offered to hubs: 1 (@esc-south@${host})`), 'the hubs asked are not named');
      check((await a.$('button:has-text("Offer to other hubs")')) === null, 'the need can be offered twice');
      await inspect(a, 'escalation-01-need-offered', { axe: false });
      await a.goto(`${base}/h/esc-north/escalations`);
      check((await a.textContent('main')).includes('offered, waiting for an answer'), 'the offer is not listed');
      await inspect(a, 'escalation-02-offered', { axe: false });
      await aJs.goto(`${base}/h/esc-north/escalations`);
      await inspect(aJs, 'escalation-02-offered-js');
      // A bad delay is refused at the form, saying what to write.
      await a.fill('#delay_hours', 'soon');
      await a.click('button:has-text("Save")');
      check((await a.textContent('main')).includes('Write the hours as a number'), 'a bad delay was not refused');
      await inspect(a, 'escalation-03-bad-delay', { axe: false });
      await a.fill('#delay_hours', '48');
      await a.click('button:has-text("Save")');
      check(a.url().endsWith('?done=settings'), `after saving: ${a.url()}`);
      check((await a.inputValue('#delay_hours')) === '48', 'the delay was not kept');
    });

    await test('escalation: the other hub accepts it in Spanish', async () => {
      await waitForText(b, `${base}/h/esc-south/escalations`, 'Nos encargamos');
      check(!(await b.textContent('main')).includes(kPhone), 'the phone reached the other hub before confirming');
      await inspect(b, 'escalation-04-offered-here-es', { lang: 'es', axe: false });
      await bJs.goto(`${base}/h/esc-south/escalations`);
      await inspect(bJs, 'escalation-04-offered-here-es-js', { lang: 'es' });
      await b.click('button:has-text("Nos encargamos")');
      check(b.url().endsWith('?done=accept'), `after accepting: ${b.url()}`);
    });

    await test('escalation: the home hub confirms from the need page and the need arrives with its contact', async () => {
      await waitForText(a, `${base}/h/esc-north/escalations`, 'Send the contact to them');
      await inspect(a, 'escalation-05-taken', { axe: false });
      await aJs.goto(`${base}/h/esc-north/escalations`);
      await inspect(aJs, 'escalation-05-taken-js');
      // The need page shows who took it, with the same buttons.
      await a.goto(`${base}/needs/${need}`);
      const taken = await a.textContent('main');
      check(taken.includes(`Taken by @esc-south@${host}`), 'the need page does not name the hub that took it');
      await inspect(a, 'escalation-05-taken-need', { axe: false });
      await aJs.goto(`${base}/needs/${need}`);
      await inspect(aJs, 'escalation-05-taken-need-js');
      await a.click('button:has-text("Send the contact to them")');
      check(a.url().endsWith(`/needs/${need}?escalated=confirm`), `after confirming: ${a.url()}`);
      const handed = await a.textContent('main');
      check(handed.includes('The contact was sent') && handed.includes('handed over'), 'not shown as handed over');
      await waitForText(b, `${base}/h/esc-south/escalations`, 'ahora es nuestra');
      await inspect(b, 'escalation-06-won-es', { lang: 'es', axe: false });
      await b.click('text=Abrir la necesidad');
      check((await b.textContent('main')).includes(kPhone), 'the contact did not arrive');
      check((await b.textContent('main')).includes(`Vino de @esc-north@${host}`), 'where it came from is not shown');
      await inspect(b, 'escalation-07-arrived-es', { lang: 'es', axe: false });
      await bJs.goto(b.url());
      await inspect(bJs, 'escalation-07-arrived-es-js', { lang: 'es' });
    });
  } finally {
    for (const c of [northNoJs, northJs, southEs, southEsJs]) await c.close();
  }
}
