// The library of things and the occupancy pages without JavaScript and with it, in English and Spanish: a
// coordinator adds a thing, a member reserves it, a clashing reservation is refused at its field, the keeper checks
// it out and in with a condition note; occupancy: set beds for a night, give one to a need, release it.
import { check, inspect, joinAs, kin, sessionToken, tokenFrom } from '../harness.mjs';

function newContext(browser, { javaScriptEnabled = true, locale = 'en-GB' } = {}) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale });
}

// "YYYY-MM-DDTHH:MM" in UTC (the hub's zone), `days` from now at `hour`.
function local(days, hour) {
  const d = new Date(Date.now() + days * 86400000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().slice(0, 16);
}

// Clicks a submit button and waits for the page the post answers with.
async function submit(page, selector) {
  if (process.env.DEBUG_FLOW) console.log(`submit ${selector} on ${page.url()}`);
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export default async function ({ test, browser, base, db }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'toolshed', '--name', 'Tool shed',
    '--languages', 'en,es'));
  const memberInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'toolshed', '--role', 'member'));
  const otherInvite = tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'toolshed', '--role', 'member'));

  const coord = await newContext(browser);
  const coordPage = await coord.newPage();
  await joinAs(coordPage, base, coordInvite, 'keeper');
  let thingUrl = '';

  await test('a coordinator adds a thing; a bad form keeps what was typed (JavaScript on, axe clean)', async () => {
    await coordPage.goto(`${base}/h/toolshed`);
    await coordPage.click('text=The library of things');
    check(coordPage.url().endsWith('/h/toolshed/library'), `the hub page does not lead to the library: ${coordPage.url()}`);
    await inspect(coordPage, 'library-01-empty');
    await coordPage.fill('#name', 'Cordless drill');
    await coordPage.fill('#category', 'tools');
    await coordPage.fill('#max_loan_days', 'a week');
    await coordPage.click('text=Add the thing');
    check((await coordPage.textContent('#max_loan_days-error')).includes('whole number'), 'no message at the field');
    check((await coordPage.inputValue('#name')) === 'Cordless drill', 'the typed name was lost');
    await inspect(coordPage, 'library-02-bad-form');
    await coordPage.fill('#max_loan_days', '3');
    await coordPage.fill('#buffer_hours', '2');
    await coordPage.click('text=Add the thing');
    check((await coordPage.textContent('.notice')).includes('is in the library'), 'no confirmation');
    thingUrl = coordPage.url().split('?')[0];
    await inspect(coordPage, 'library-03-thing');
  });

  await test('a member reserves without JavaScript and a clash is refused at the field', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await joinAs(page, base, memberInvite, 'mira');
      await page.goto(`${base}/h/toolshed/library`);
      check((await page.textContent('#things')).includes('Free now'), 'the list does not say the thing is free');
      check((await page.locator('text=Add a thing').count()) === 0, 'a member is offered to add things');
      await inspect(page, 'library-04-member-list', { axe: false });
      await page.click('text=Cordless drill');
      await page.fill('#start', local(1, 9));
      await page.fill('#end', local(2, 9));
      await page.click('button:text-is("Reserve")');
      check((await page.textContent('.notice')).includes('Reserved'), 'no confirmation of the reservation');
      check((await page.textContent('#calendar')).includes('kept free until'), 'the calendar does not show the buffer');
      await inspect(page, 'library-05-reserved', { axe: false });
    } finally {
      await context.close();
    }
    const other = await newContext(browser, { javaScriptEnabled: false });
    const page2 = await other.newPage();
    try {
      await joinAs(page2, base, otherInvite, 'oskar');
      await page2.goto(thingUrl);
      await page2.fill('#start', local(2, 10));
      await page2.fill('#end', local(3, 9));
      await page2.click('button:text-is("Reserve")');
      check((await page2.textContent('#start-error')).includes('overlapping time'), 'no overlap message at the field');
      check((await page2.inputValue('#start')) === local(2, 10), 'the typed start was lost');
      await inspect(page2, 'library-06-overlap', { axe: false });
    } finally {
      await other.close();
    }
  });

  await test('the keeper checks the thing out and in, in Spanish', async () => {
    await coordPage.goto(`${thingUrl}?lang=es`);
    await inspect(coordPage, 'library-07-es-keeper', { lang: 'es' });
    await coordPage.click('button:text-is("Entregar")');
    check((await coordPage.textContent('.notice')).includes('Entregada'), 'no confirmation of the check-out');
    await coordPage.click('button:text-is("Recibir de vuelta")');
    check((await coordPage.textContent('#errors')).includes('Anote en qué estado volvió'), 'no message for a missing condition');
    await inspect(coordPage, 'library-08-es-no-condition', { lang: 'es' });
    await coordPage.fill('input[id^=condition-]', 'limpia, batería llena');
    await coordPage.click('button:text-is("Recibir de vuelta")');
    check((await coordPage.textContent('main')).includes('limpia, batería llena'), 'the return condition is not the thing\'s');
    await coordPage.goto(`${thingUrl}?lang=en`);
  });

  await test('occupancy: beds for a night, one given to a need and released (JavaScript on and off)', async () => {
    const token = await sessionToken(coord);
    const need = await fetch(`${base}/api/v1/hubs/toolshed/needs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'food', description: 'A bed for tonight for one person' }),
    });
    check(need.status === 201, `creating a need failed: ${need.status}`);
    await coordPage.goto(`${base}/h/toolshed`);
    await coordPage.click('text=Beds, places and meals');
    await inspect(coordPage, 'capacity-01-empty');
    await coordPage.fill('#name', 'Night shelter');
    await coordPage.fill('#category', 'shelter');
    await coordPage.fill('#unit', 'bed');
    await submit(coordPage, 'button:text-is("Add")');
    const today = new Date().toISOString().slice(0, 10);
    await coordPage.fill('#date', today);
    await coordPage.fill('#slot', 'night');
    await coordPage.fill('#capacity', '2');
    await submit(coordPage, 'button:text-is("Set the places")');
    check((await coordPage.textContent('main')).includes('places are set'), `no confirmation of the places: ${(await coordPage.textContent('main')).slice(0, 600)}`);
    await coordPage.fill('#a-date', today);
    await coordPage.fill('#a-slot', 'night');
    await coordPage.fill('#quantity', '5');
    await submit(coordPage, 'button:text-is("Give the places")');
    check((await coordPage.textContent('#quantity-error')).includes('Not that many places are free'), 'no message at quantity');
    await inspect(coordPage, 'capacity-02-full');
    await coordPage.fill('#quantity', '1');
    await submit(coordPage, 'button:text-is("Give the places")');
    check((await coordPage.locator('table.occupancy').count()) === 1, `no occupancy table: ${(await coordPage.textContent('main')).slice(0, 900)}`);
    const row = await coordPage.locator('table.occupancy tbody tr').first().innerText();
    check(row.replace(/\s+/g, ' ').includes('night 2 1 1'), `the occupancy row is wrong: ${row}`);
    await inspect(coordPage, 'capacity-03-given');

    const context = await newContext(browser, { javaScriptEnabled: false, locale: 'es-ES' });
    const page = await context.newPage();
    try {
      await page.context().addCookies([{ name: 'kin_session', value: token, url: base }]);
      await page.goto(`${base}/h/toolshed/capacity`);
      await inspect(page, 'capacity-04-es', { lang: 'es', axe: false });
      await submit(page, 'button:text-is("Liberar")');
      check((await page.textContent('.notice')).includes('vuelven a estar libres'), 'no confirmation of the release');
      const after = await page.locator('table.occupancy tbody tr').first().innerText();
      check(after.replace(/\s+/g, ' ').includes('night 2 0 2'), `the release is not shown: ${after}`);
    } finally {
      await context.close();
    }
  });

  await test('a coordinator imports library things from a spreadsheet: map, dry run, fix, apply (JavaScript off)', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.context().addCookies([{ name: 'kin_session', value: await sessionToken(coord), url: base }]);
      await page.goto(`${base}/h/toolshed/library`);
      await page.click('text=Import from a spreadsheet');
      await inspect(page, 'import-01-upload', { axe: false });
      const file = 'Thing,Kind,Days\r\n"Tent, 4 people",camping,7\r\nSaw,tools,a week\r\n';
      await page.setInputFiles('#file', { name: 'things.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await submit(page, 'text=Upload and check');
      check((await page.textContent('#row-errors')).includes('is not in the first row'), 'no message for unmatched columns');
      await page.selectOption('#col_name', 'Thing');
      await page.selectOption('#col_category', 'Kind');
      await page.selectOption('#col_max_loan_days', 'Days');
      await submit(page, 'text=Check again');
      check((await page.textContent('#row-errors')).includes('“a week” is not a whole number'), 'the bad row is not named');
      check((await page.textContent('#adds')).includes('Tent, 4 people (camping), new'), 'the new thing is not listed');
      check((await page.locator('button[value=apply]').count()) === 0, 'a file with a bad row may be imported');
      await inspect(page, 'import-02-dry-run', { axe: false });
      await page.selectOption('#col_max_loan_days', '');
      await submit(page, 'text=Check again');
      await submit(page, 'button[value=apply]');
      check((await page.textContent('.notice')).includes('spreadsheet is imported'), 'no confirmation of the import');
      check((await page.textContent('#things')).includes('Tent, 4 people'), 'the imported thing is not listed');
    } finally {
      await context.close();
    }
  });

  await test('the import page in Spanish passes axe (JavaScript on)', async () => {
    await coordPage.goto(`${base}/h/toolshed/import/stock?lang=es`);
    await coordPage.setInputFiles('#file', { name: 'stock.csv', mimeType: 'text/csv',
      buffer: Buffer.from('name,category,unit,quantity\nLentejas,dry-food,bag,dos\n') });
    await submit(coordPage, 'text=Subir y revisar');
    check((await coordPage.textContent('#row-errors')).includes('«dos» no es un número entero'), 'no Spanish row error');
    await inspect(coordPage, 'import-03-es', { lang: 'es' });
    await coordPage.goto(`${base}/h/toolshed/library?lang=en`);
  });

  await coord.close();
}
