// Swapping a shift place in exchange for one of the other member's. Cesar, without JavaScript, offers his place
// to Blanca for hers; Blanca, in Spanish, reads on "my shifts" what she gives and what she gets and accepts. Then
// Alba, with JavaScript, asks Cesar for one of his places (first forgetting to pick one: the error is at the
// choice), and Cesar, without JavaScript, accepts on the page of the place he gives. Both members' places are
// checked after each accept. axe-core runs on the pages of the JavaScript-on contexts.
import { check, inspect, joinAs, kin, sessionToken, tokenFrom } from '../harness.mjs';

function newContext(browser, { javaScriptEnabled = true, locale = 'en-GB' } = {}) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale });
}

// The local start (the hub keeps UTC) of the weekly occurrence `week` weeks after the first, at 18:00 two days
// from now, as an occurrence path names it.
function occurrence(week) {
  const d = new Date(Date.now() + (2 + 7 * week) * 86400000);
  return `${d.toISOString().slice(0, 10).replaceAll('-', '')}T180000`;
}

async function text(page, selector) {
  return (await page.textContent(selector)) || '';
}

// The paths of the occurrences `page` lists under "My coming places".
async function myPlaces(page, base) {
  await page.goto(`${base}/me/shifts`);
  return page.$$eval('main ul.cards li > a', (as) => as.map((a) => a.getAttribute('href')));
}

export default async function ({ test, browser, base, db }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'swapshifts', '--name',
    'Swap Shifts', '--languages', 'en,es'));
  const invite = () => tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'swapshifts', '--role', 'member'));

  const coord = await newContext(browser);
  const ana = await newContext(browser);
  const bo = await newContext(browser, { locale: 'es-ES' });
  const cy = await newContext(browser, { javaScriptEnabled: false });
  const [anaPage, boPage, cyPage] = await Promise.all([ana.newPage(), bo.newPage(), cy.newPage()]);
  for (const page of [anaPage, boPage, cyPage]) page.setDefaultTimeout(10000);
  const paths = [];

  try {
    await test('three members take places on three weeks of a shift', async () => {
      const coordPage = await coord.newPage();
      await joinAs(coordPage, base, coordInvite, 'carmen');
      const created = await fetch(`${base}/api/v1/hubs/swapshifts/shifts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await sessionToken(coord)}` },
        body: JSON.stringify({ name: 'Community kitchen', place: 'Hall', dtstart: occurrence(0), duration_minutes: 120,
          rrule: 'FREQ=WEEKLY', slots: [{ role: 'cook', max_people: 2 }] }),
      });
      check(created.status === 201, `creating the shift answered ${created.status}`);
      const { id } = await created.json();
      for (let week = 0; week < 3; week++) paths.push(`/shifts/${id}/o/${occurrence(week)}`);
      await joinAs(anaPage, base, invite(), 'alba');
      await joinAs(boPage, base, invite(), 'blanca');
      await joinAs(cyPage, base, invite(), 'cesar');
      for (const [page, week] of [[anaPage, 0], [boPage, 1], [cyPage, 2]]) {
        await page.goto(`${base}${paths[week]}`);
        await page.click('#slot-cook button[type=submit]');
        check((await text(page, '#mine-h + p')).includes('cook'), `no place for week ${week + 1}`);
      }
    });

    await test('without JavaScript, Cesar offers his place to Blanca for hers', async () => {
      await cyPage.goto(`${base}${paths[2]}`);
      await cyPage.selectOption('#to', { label: 'Blanca' });
      await cyPage.click('text=Ask for one of their places in exchange');
      check((await text(cyPage, '#exchange legend')).includes('Which of Blanca’s places do you take in exchange?'),
        'no choice of Blanca’s places');
      const choices = await cyPage.$$eval('input[name=exchange]', (inputs) => inputs.length);
      check(choices === 1, `Blanca has ${choices} places to choose from, expected 1`);
      check((await text(cyPage, 'label[for=exchange-1]')).includes('Community kitchen'), 'the choice does not name the shift');
      await inspect(cyPage, 'exchange-01-choose', { axe: false });
      await cyPage.check('#exchange-1');
      await cyPage.click('text=Offer the exchange');
      check((await text(cyPage, '.notice')).includes('Exchange offered.'), 'no confirmation of the offer');
      const card = await text(cyPage, '#swaps-h + ul');
      check(card.includes('You offered Blanca your place in exchange for one of theirs.'), `the card says: ${card}`);
      check(card.includes('You give:') && card.includes('You get:'), 'the card does not say what is exchanged');
      check(await cyPage.locator(`#swaps-h + ul a[href="${paths[1]}"]`).count() === 1, 'the card lacks Blanca’s place');
      await inspect(cyPage, 'exchange-02-offered', { axe: false });
    });

    await test('Blanca reads the exchange in Spanish on my shifts and accepts; both places moved', async () => {
      await boPage.goto(`${base}/me/shifts`);
      const main = await text(boPage, 'main');
      check(main.includes('Cesar te ofrece su plaza a cambio de una tuya.'), 'the incoming exchange is not in Spanish');
      check(main.includes('Cedes:') && main.includes('Recibes:') && main.includes('como cook'),
        'the card does not say what Blanca gives and gets');
      await inspect(boPage, 'exchange-03-es-incoming', { lang: 'es' });
      await boPage.click('text=Aceptar el intercambio');
      check((await text(boPage, '.notice')).includes('Intercambio hecho'), 'no confirmation of the exchange');
      await inspect(boPage, 'exchange-04-es-accepted', { lang: 'es' });
      const blanca = await myPlaces(boPage, base);
      check(blanca.length === 1 && blanca[0] === paths[2], `Blanca holds ${blanca}, expected ${paths[2]}`);
      const cesar = await myPlaces(cyPage, base);
      check(cesar.length === 1 && cesar[0] === paths[1], `Cesar holds ${cesar}, expected ${paths[1]}`);
    });

    await test('with JavaScript, Alba asks Cesar for his place; a missing choice is said at the field', async () => {
      await anaPage.goto(`${base}${paths[0]}`);
      await anaPage.selectOption('#to', { label: 'Cesar' });
      await anaPage.click('text=Ask for one of their places in exchange');
      await inspect(anaPage, 'exchange-05-choose');
      await anaPage.click('text=Offer the exchange');
      check((await text(anaPage, '#exchange-error')).includes('Choose which of their places you take in exchange.'),
        'no error at the choice');
      check((await text(anaPage, '#errors')).includes('Place in exchange'), 'the summary does not name the choice');
      await inspect(anaPage, 'exchange-06-no-choice');
      await anaPage.check('#exchange-1');
      await anaPage.click('text=Offer the exchange');
      check((await text(anaPage, '.notice')).includes('Exchange offered.'), 'no confirmation of the offer');
      await inspect(anaPage, 'exchange-07-offered');
    });

    await test('without JavaScript, Cesar accepts on the page of the place he gives; both places moved', async () => {
      await cyPage.goto(`${base}${paths[1]}`);
      check((await text(cyPage, '#swaps-h + ul')).includes('Alba offers you their place in exchange for one of yours.'),
        'the page of Cesar’s place does not show the exchange');
      await cyPage.click('text=Accept the exchange');
      check((await text(cyPage, '.notice')).includes('Exchange done'), 'no confirmation of the exchange');
      await inspect(cyPage, 'exchange-08-accepted', { axe: false });
      const cesar = await myPlaces(cyPage, base);
      check(cesar.length === 1 && cesar[0] === paths[0], `Cesar holds ${cesar}, expected ${paths[0]}`);
      const alba = await myPlaces(anaPage, base);
      check(alba.length === 1 && alba[0] === paths[1], `Alba holds ${alba}, expected ${paths[1]}`);
      await inspect(anaPage, 'exchange-09-my-places');
    });
  } finally {
    await Promise.all([coord.close(), ana.close(), bo.close(), cy.close()]);
  }
}
