// Care and kitchen shifts without JavaScript: a coordinator schedules a weekly shift after previewing its
// occurrences; members sign up, land on the waiting list when a slot is full and move up when someone leaves,
// swap a place, check in, record the time they did and mark an absent fellow; the care-hours page shows it.
// JavaScript on and off, English and Spanish; axe-core on the pages of the JavaScript-on contexts (axe runs as a
// script), which render the same templates.
import { check, inspect, joinAs, kin, tokenFrom } from '../harness.mjs';

async function newContext(browser, { javaScriptEnabled = true, locale = 'en-GB' } = {}) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale });
}

// The wall-clock time in Madrid `ms` from now, as a datetime-local input wants it ("2026-11-24T18:05").
function madrid(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function text(page, selector) {
  return (await page.textContent(selector)) || '';
}

export default async function ({ test, browser, base, db }) {
  kin('admin', 'create-hub', '--db', db, '--slug', 'careshifts', '--name', 'Care Shifts', '--languages', 'en,es',
    '--time-zone', 'Europe/Madrid');
  const invite = (role) => tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'careshifts', '--role', role));
  const coordInvite = invite('coordinator');

  const coord = await newContext(browser);
  const coordPage = await coord.newPage();
  const ana = await newContext(browser, { javaScriptEnabled: false });
  const anaPage = await ana.newPage();
  const bo = await newContext(browser, { locale: 'es-ES' });
  const boPage = await bo.newPage();
  const cy = await newContext(browser, { javaScriptEnabled: false });
  const cyPage = await cy.newPage();
  for (const page of [coordPage, anaPage, boPage, cyPage]) page.setDefaultTimeout(10000);
  // The first occurrence starts in an hour; once people signed up, the coordinator moves it to a few minutes ago
  // (its places follow), so check-in, hours and the no-show happen without waiting for the clock.
  const firstStart = madrid(3600000);
  let today = '';
  let nextWeek = '';

  try {
    await test('a coordinator previews a weekly shift, sees a bad rule at its field, and schedules it', async () => {
      await joinAs(coordPage, base, coordInvite, 'carla');
      await coordPage.goto(`${base}/h/careshifts`);
      await coordPage.click('text=Shifts: sign up for care and kitchen work (members)');
      check(coordPage.url().endsWith('/h/careshifts/shifts'), `the hub page does not lead to the shifts: ${coordPage.url()}`);
      await inspect(coordPage, 'shifts-01-board-empty');
      await coordPage.click('text=Schedule a shift');
      await coordPage.fill('#name', 'Community kitchen');
      await coordPage.fill('#place', 'Hall on Calle Mayor');
      await coordPage.fill('#start', firstStart);
      await coordPage.fill('#duration', '60');
      await coordPage.fill('#rrule', 'FREQ=WEEKLY;BYDAY=XX');
      await coordPage.fill('#role_0', 'cook');
      await coordPage.fill('#min_0', '1');
      await coordPage.fill('#max_0', '2');
      await coordPage.fill('#role_1', 'driver');
      await coordPage.fill('#min_1', '1');
      await coordPage.fill('#max_1', '1');
      await coordPage.click('text=Preview occurrences');
      check((await text(coordPage, '#rrule-error')).includes('The repeat rule cannot be used'), 'no error at the rule');
      check((await coordPage.inputValue('#name')) === 'Community kitchen', 'the form lost what was typed');
      await inspect(coordPage, 'shifts-02-bad-rule');
      await coordPage.fill('#rrule', 'FREQ=WEEKLY');
      await coordPage.click('text=Preview occurrences');
      const listed = await coordPage.$$eval('ol.preview li', (items) => items.map((i) => i.textContent));
      check(listed.length === 10, `the preview lists ${listed.length} occurrences`);
      check(listed[0].endsWith(firstStart.slice(11)), `the first occurrence is ${listed[0]}, expected ${firstStart}`);
      await inspect(coordPage, 'shifts-03-preview');
      await coordPage.click('text=Save the shift');
      check((await text(coordPage, '.notice')).includes('The shift is scheduled.'), 'no confirmation');
      const links = await coordPage.$$eval('a[href^="/shifts/"][href*="/o/"]', (as) => as.map((a) => a.getAttribute('href')));
      check(links.length === 2, `the board shows ${links.length} occurrences in two weeks, expected 2`);
      [today, nextWeek] = links;
      await inspect(coordPage, 'shifts-04-board');
    });

    await test('members sign up without JavaScript; a full slot puts the next one on the waiting list', async () => {
      await joinAs(anaPage, base, invite('member'), 'amparo');
      await joinAs(boPage, base, invite('member'), 'berta');
      await joinAs(cyPage, base, invite('member'), 'ciro');
      // Today's occurrence: Amparo and Berta cook.
      for (const page of [anaPage, boPage]) {
        await page.goto(`${base}${today}`);
        await page.click('#slot-cook button[type=submit]');
      }
      check((await text(anaPage, 'main')).includes('You have a place as cook.'), 'Amparo has no place');
      // Next week: Amparo drives; the one driver place is then full and Berta waits.
      await anaPage.goto(`${base}${nextWeek}`);
      await anaPage.click('#slot-driver button[type=submit]');
      check((await text(anaPage, '.notice')).includes('You have a place on this shift.'), 'no confirmation for Amparo');
      await inspect(anaPage, 'shifts-05-signed-up', { axe: false });
      await boPage.goto(`${base}${nextWeek}`);
      check((await text(boPage, '#slot-driver')).includes('Apuntarme a la lista de espera'), 'a full slot does not say so');
      await boPage.click('#slot-driver button[type=submit]');
      check((await text(boPage, '.notice')).includes('eres el número 1 en la lista de espera'), 'no waiting-list position');
      await inspect(boPage, 'shifts-06-es-waiting', { lang: 'es' });
      await boPage.goto(`${base}/me/shifts`);
      check((await text(boPage, 'main')).includes('Eres el número 1 en la lista de espera de driver.'), 'my shifts lacks the position');
      await inspect(boPage, 'shifts-07-es-my-shifts', { lang: 'es' });
    });

    await test('leaving frees the place for the first on the waiting list', async () => {
      await anaPage.goto(`${base}${nextWeek}`);
      await anaPage.click('text=Leave this shift');
      check((await text(anaPage, '.notice')).includes('You left this shift.'), 'no confirmation of leaving');
      await boPage.goto(`${base}${nextWeek}`);
      check((await text(boPage, '#mine-h + p')).includes('Tienes plaza como driver.'), 'Berta was not given the place');
    });

    await test('a member offers a swap and the other accepts it on my shifts', async () => {
      await boPage.selectOption('#to', { label: 'Ciro' });
      await boPage.click('text=Ofrecer un cambio');
      check((await text(boPage, 'main')).includes('Ofreciste tu plaza a Ciro.'), 'the swap is not shown to Berta');
      await inspect(boPage, 'shifts-08-es-swap-offered', { lang: 'es' });
      await cyPage.goto(`${base}/me`);
      await cyPage.click('text=My shifts');
      check((await text(cyPage, 'main')).includes('Berta offers you their place.'), 'Ciro does not see the offer');
      await inspect(cyPage, 'shifts-09-my-shifts-offer', { axe: false });
      await cyPage.click('text=Accept the place');
      check((await text(cyPage, '.notice')).includes('The place is yours now.'), 'no confirmation of the swap');
      check((await text(cyPage, 'main')).includes('You have a place as driver.'), 'Ciro does not hold the place');
    });

    await test('my shifts keeps a bad reminder list at its field and makes a private calendar link', async () => {
      await cyPage.fill('#offsets', '24, soon');
      await cyPage.click('text=Save reminders');
      check((await text(cyPage, '#offsets-error')).includes('Reminder 2'), 'no error naming the bad reminder');
      check((await cyPage.inputValue('#offsets')) === '24, soon', 'the typed reminders were lost');
      await cyPage.fill('#offsets', '24, 1');
      await cyPage.click('text=Save reminders');
      check((await text(cyPage, '.notice')).includes('Your reminders are saved.'), 'reminders not saved');
      await cyPage.click('text=Make a new link');
      const link = (await text(cyPage, '#calendar-link')).trim();
      const feed = await fetch(link.replace(/^https?:\/\/[^/]+/, base));
      check(feed.status === 200 && (await feed.text()).includes('BEGIN:VCALENDAR'), `the private feed answers ${feed.status}`);
      await inspect(cyPage, 'shifts-10-calendar-link', { axe: false });
    });

    await test('coordinators see the shift settings and the board in Spanish', async () => {
      await coordPage.goto(`${base}/h/careshifts/shifts/settings?lang=es`);
      check((await coordPage.inputValue('#cutoff_hours')) === '12', 'the cut-off is not shown in hours');
      await inspect(coordPage, 'shifts-11-es-settings', { lang: 'es' });
      await coordPage.goto(`${base}/h/careshifts/shifts`);
      check((await text(coordPage, 'main')).includes('Próximos turnos'), 'the board is not in Spanish');
      await inspect(coordPage, 'shifts-12-es-board', { lang: 'es' });
      await coordPage.goto(`${base}/h/careshifts/shifts?lang=en`);
    });

    await test('a coordinator moves the occurrence to now; on the day: check in, record the time done, mark an absent fellow; care hours show it', async () => {
      await coordPage.goto(`${base}${today}`);
      await coordPage.fill('#start', madrid(-5 * 60000));
      await coordPage.click('text=Move this occurrence');
      check((await text(coordPage, '.notice')).includes('keep their places'), 'no confirmation of the move');
      await inspect(coordPage, 'shifts-13-moved');
      await anaPage.goto(`${base}${today}`);
      await anaPage.click('text=Check in: I am here');
      check((await text(anaPage, '.notice')).includes('You are checked in.'), 'no check-in confirmation');
      await anaPage.fill('#minutes', '55');
      await anaPage.click('text=Record the time done');
      check((await text(anaPage, '.notice')).includes('The time you did is recorded.'), 'no confirmation of the time');
      check((await text(anaPage, '#slot-cook')).includes('55 minutes done'), 'the time is not shown');
      await anaPage.click('#slot-cook >> text=Mark as absent');
      check((await text(anaPage, '#slot-cook')).includes('marked absent'), 'Berta is not marked absent');
      await inspect(anaPage, 'shifts-14-on-the-day', { axe: false });
      // Berta (absent) cannot record time; her page, with JavaScript and in Spanish, passes axe.
      await boPage.goto(`${base}${today}`);
      check((await boPage.locator('#minutes').count()) === 0, 'an absent person is offered to record time');
      check((await text(boPage, '#slot-cook')).includes('no se presentó'), 'the absence is not shown in Spanish');
      await inspect(boPage, 'shifts-15-es-on-the-day', { lang: 'es' });
      // The care-hours page: names for members, not for anyone else; never a ranking.
      await anaPage.goto(`${base}/h/careshifts/care-hours`);
      check((await text(anaPage, 'table')).includes('Amparo'), 'the ledger does not name Amparo to a member');
      check((await text(anaPage, 'main')).includes('not a ranking'), 'no word that it is not a ranking');
      await inspect(anaPage, 'shifts-16-care-hours', { axe: false });
      await withAnonymous(browser, async (page) => {
        await page.goto(`${base}/h/careshifts/care-hours?lang=es`);
        check(!(await text(page, 'main')).includes('Amparo'), 'the ledger names people to the public');
        check((await text(page, 'table')).includes('cook'), 'the public ledger lacks the kinds of work');
        await inspect(page, 'shifts-17-es-care-hours-public', { lang: 'es' });
      });
      await coordPage.goto(`${base}/h/careshifts/care-hours`);
      await inspect(coordPage, 'shifts-18-care-hours-js');
    });
  } finally {
    await Promise.all([coord.close(), ana.close(), bo.close(), cy.close()]);
  }
}

async function withAnonymous(browser, fn) {
  const context = await newContext(browser, { locale: 'es-ES' });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}
