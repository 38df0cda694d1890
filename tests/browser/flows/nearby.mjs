// /h/{slug}/sharing, /h/{slug}/nearby and /directory (issue 10): a hub follows another on the same server
// (approved, delivered through the server's own signed inbox); the other's coordinator shares an offer and a need
// from the sharing page without JavaScript; the follower's members see them with their approximate distance and
// the sharing hub's link, without JavaScript and in Spanish; stopping sharing takes the offer away; then anyone
// searches the public directory by "lat,lon" (a bad value is refused at the input). axe on every page.
import { check, inspect, kin, tokenFrom } from '../harness.mjs';

const kPassword = 'a long enough password';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(base, method, path, token, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  check(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function join(base, invite, handle) {
  const body = await api(base, 'POST', '/api/v1/join', null,
    { invite, handle, password: kPassword, display_name: handle });
  return body.session.token;
}

async function until(what, fn) {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export default async function ({ test, browser, base, db }) {
  const host = new URL(base).host;
  const west = await join(base, tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'near-west',
    '--name', 'West Commons', '--languages', 'en,es')), 'nearwest');
  const east = await join(base, tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'near-east',
    '--name', 'East Kitchen', '--languages', 'es,en')), 'neareast');
  await api(base, 'PATCH', '/api/v1/hubs/near-west/settings', west,
    { area: { center: { lat: 40.4168, lon: -3.7038 }, radius_km: 3 } });
  await api(base, 'PATCH', '/api/v1/hubs/near-east/settings', east,
    { area: { center: { lat: 40.4300, lon: -3.6700 }, radius_km: 3 } });
  // West follows east; east approves.
  await api(base, 'POST', '/api/v1/hubs/near-west/federation/following', west, { target: `@near-east@${host}` });
  const westActor = `${base}/federation/hubs/near-west`;
  await until('the follow request', async () =>
    (await api(base, 'GET', '/api/v1/hubs/near-east/federation/requests', east)).items.some((f) => f.actor === westActor));
  await api(base, 'POST', '/api/v1/hubs/near-east/federation/approve', east, { actor: westActor });
  await until('the Accept', async () =>
    (await api(base, 'GET', '/api/v1/hubs/near-west/federation/following', west)).items.some((f) => f.state === 'accepted'));
  // East shares an offer and a need.
  const offer = await api(base, 'POST', '/api/v1/hubs/near-east/offers', east,
    { category: 'food', description: 'Lentil stew from Carmen', capacity: { amount: 12, unit: 'meal', period: 'week' },
      area: { center: { lat: 40.4301, lon: -3.6702 }, radius_km: 1 } });
  const need = await api(base, 'POST', '/api/v1/hubs/near-east/needs', east,
    { category: 'rides', description: 'A ride to the clinic for Pilar', quantity: 1, urgency: 'high',
      location: { lat: 40.4311, lon: -3.6711 } });
  const sharedAtWest = async () => (await api(base, 'GET', '/api/v1/hubs/near-west/federation/shared', west)).items;

  const contexts = [];
  const context = async (options, token) => {
    const c = await browser.newContext({ viewport: { width: 360, height: 640 }, ...options });
    if (token) await c.addCookies([{ name: 'kin_session', value: token, url: base }]);
    contexts.push(c);
    return c.newPage();
  };
  try {
    await test('sharing: the coordinator shares an offer and a need from the page, without JavaScript', async () => {
      const page = await context({ javaScriptEnabled: false, locale: 'en-GB' }, east);
      await page.goto(`${base}/h/near-east/sharing`);
      const text = await page.textContent('main');
      check(text.includes('Rides · Soon: within a day') && text.includes('Food · 12 meal a week'), `items: ${text}`);
      check(!text.includes('shared ·') && (await page.locator('button', { hasText: 'Stop sharing' }).count()) === 0,
        'something is shared already');
      await inspect(page, 'sharing-01-nothing-shared', { axe: false });
      await page.locator('li', { hasText: 'Rides' }).locator('button').click();
      check(page.url().endsWith('/h/near-east/sharing?shared=1'), `after sharing: ${page.url()}`);
      await page.locator('li', { hasText: 'Food' }).locator('button').click();
      check((await page.locator('button', { hasText: 'Stop sharing' }).count()) === 2, 'both are not shown shared');
      await inspect(page, 'sharing-02-shared', { axe: false });
      const js = await context({ locale: 'en-GB' }, east);
      await js.goto(`${base}/h/near-east/sharing?shared=1`);
      await inspect(js, 'sharing-02-shared-js');
      const es = await context({ locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es' } }, east);
      await es.goto(`${base}/h/near-east/sharing`);
      check((await es.textContent('main')).includes('Dejar de compartir'), 'the sharing page is not in Spanish');
      await inspect(es, 'sharing-03-es', { lang: 'es' });
      await until('both items at west', async () => (await sharedAtWest()).length === 2);
    });

    await test('nearby: members see what followed hubs share, without JavaScript and with it', async () => {
      const page = await context({ javaScriptEnabled: false, locale: 'en-GB' }, west);
      await page.goto(`${base}/h/near-west/nearby`);
      const text = await page.textContent('main');
      check(text.includes('Need: Rides') && text.includes('Soon: within a day'), `the need is not shown: ${text}`);
      check(text.includes('Offer: Food') && text.includes('12 meal a week'), `the offer is not shown: ${text}`);
      check(/Around \d+\.\d km from our hub/.test(text), `no distance: ${text}`);
      check((await page.locator('a', { hasText: 'East Kitchen' }).count()) === 2, 'no link to the sharing hub');
      check(!text.includes('Carmen') && !text.includes('Pilar') && !text.includes('clinic'), 'personal words shown');
      await inspect(page, 'nearby-01-list', { axe: false });
      const js = await context({ locale: 'en-GB' }, west);
      await js.goto(`${base}/h/near-west/nearby`);
      await inspect(js, 'nearby-01-list-js');
    });

    await test('nearby: in Spanish', async () => {
      const page = await context({ locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es' } }, west);
      await page.goto(`${base}/h/near-west/nearby`);
      const text = await page.textContent('main');
      check(text.includes('Necesidad: Transporte') && text.includes('Compartido por'), `not in Spanish: ${text}`);
      check(/A unos \d+,\d km de nuestro grupo/.test(text), `no distance in Spanish: ${text}`);
      await inspect(page, 'nearby-02-es', { lang: 'es' });
    });

    await test('sharing: stopping takes the offer away from the follower', async () => {
      const page = await context({ javaScriptEnabled: false, locale: 'en-GB' }, east);
      await page.goto(`${base}/h/near-east/sharing`);
      await page.locator('li', { hasText: 'Food' }).locator('button', { hasText: 'Stop sharing' }).click();
      check(page.url().endsWith('?stopped=1'), `after stopping: ${page.url()}`);
      await until('the offer gone at west', async () => (await sharedAtWest()).length === 1);
      const west_page = await context({ javaScriptEnabled: false, locale: 'en-GB' }, west);
      await west_page.goto(`${base}/h/near-west/nearby`);
      check((await west_page.textContent('main')).includes('No hub we follow is sharing an offer right now.'),
        'the offer is still shown');
    });

    await test('directory: search near a place without JavaScript; a bad place is refused at the input', async () => {
      const page = await context({ javaScriptEnabled: false, locale: 'en-GB' });
      await page.goto(`${base}/directory`);
      await inspect(page, 'directory-01-form', { axe: false });
      await page.fill('#near', 'somewhere');
      await page.click('button:has-text("Search")');
      check((await page.locator('#near-error').count()) === 1, 'no message at the field for a bad place');
      await inspect(page, 'directory-02-bad', { axe: false });
      await page.fill('#near', '40.4168, -3.7038');
      await page.click('button:has-text("Search")');
      const text = await page.textContent('main');
      check(text.indexOf('West Commons') >= 0 && text.indexOf('West Commons') < text.indexOf('East Kitchen'),
        `not nearest first: ${text}`);
      check(text.includes('Works in this place'), `no covering hub: ${text}`);
      await inspect(page, 'directory-03-results', { axe: false });
      const js = await context({ locale: 'en-GB' });
      await js.goto(`${base}/directory?near=somewhere`);
      await inspect(js, 'directory-02-bad-js');
      await js.goto(`${base}/directory?near=40.4168,-3.7038`);
      await inspect(js, 'directory-03-results-js');
      const es = await context({ locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es' } });
      await es.goto(`${base}/directory?near=40.4168,-3.7038`);
      check((await es.textContent('main')).includes('Trabaja en este lugar'), 'the directory is not in Spanish');
      await inspect(es, 'directory-04-es', { lang: 'es' });
    });
  } finally {
    for (const c of contexts) await c.close();
  }
}
