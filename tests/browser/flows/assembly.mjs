// The assembly: drafting a proposal, opening it, voting with the no-JavaScript ballot forms (ranked selects,
// consent with a reason), closing and reading the round-by-round results; in Spanish too.
import { check, inspect, joinAs, kin, tokenFrom, withPage } from '../harness.mjs';

const kTable = 'table';

async function draft(page, base, { title, text, method, options = '', secret = true }) {
  await page.goto(`${base}/h/commons/assembly`);
  await page.click('text=Make a proposal');
  check(page.url().endsWith('/h/commons/assembly/new'), `expected the new proposal form, got ${page.url()}`);
  await page.fill('#title', title);
  await page.fill('#text', text);
  await page.selectOption('#method', method);
  await page.fill('#options', options);
  await page.fill('#closes_at', '2031-06-01T18:00');
  if (!secret) await page.uncheck('#anonymous');
  await page.click('text=Save the draft');
  check(/\/p\/prop_[A-Za-z0-9]+\?created=1$/.test(page.url()), `expected the new proposal, got ${page.url()}`);
  return page.url().split('?')[0];
}

// Sign-ins and joins share one rate limit per address with every other flow, so each person joins once and
// later pages reuse that session's cookies.
const sessions = {};

async function joinOnce(browser, base, invite, handle) {
  await withPage(browser, {}, async (page, context) => {
    await joinAs(page, base, invite, handle);
    sessions[handle] = await context.cookies();
  });
}

async function as(browser, handle, options, fn) {
  return withPage(browser, options, async (page, context) => {
    await context.addCookies(sessions[handle]);
    return fn(page);
  });
}

export default async function ({ test, browser, base, db }) {
  const coordInvite = tokenFrom(kin('admin', 'create-hub', '--db', db, '--slug', 'commons', '--name', 'Commons',
    '--languages', 'en,es', '--time-zone', 'Europe/Madrid'));
  const invites = [1, 2, 3].map(() => tokenFrom(kin('admin', 'invite', '--db', db, '--hub', 'commons')));
  let rankedUrl = '';

  await test('assembly: draft, open, rank, close and read every round', async () => {
    // Members join before anything opens: each electorate is frozen when voting opens.
    await joinOnce(browser, base, coordInvite, 'ada');
    for (const [i, invite] of invites.entries()) await joinOnce(browser, base, invite, `member${i}`);
    await as(browser, 'ada', { locale: 'en-GB' }, async (coord) => {
      await coord.goto(`${base}/h/commons/assembly`);
      await inspect(coord, 'assembly-01-empty');
      await coord.click('text=Make a proposal');
      await coord.click('text=Save the draft');
      check((await coord.locator('#errors').count()) === 1, 'no error summary for an empty proposal');
      check((await coord.locator('#title-error').count()) === 1, 'no message at the title');
      await inspect(coord, 'assembly-02-new-errors');

      rankedUrl = await draft(coord, base, {
        title: 'Which evening for the pantry?',
        text: 'We can **staff one more** evening.\n\n<script>alert(1)</script>\n\n- keys from Ana',
        method: 'irv',
        options: 'Monday\nTuesday\nWednesday',
      });
      check((await coord.locator('.proposal-text strong').textContent()) === 'staff one more', 'Markdown not rendered');
      check((await coord.locator('.proposal-text script').count()) === 0, 'raw HTML got through');
      check(!(await coord.textContent('.proposal-text')).includes('alert(1)'), 'raw HTML shown as text');
      await inspect(coord, 'assembly-03-draft');
      await coord.click('text=Open voting now');
      check((await coord.textContent('.status')).includes('Open'), 'the proposal did not open');

      // Ranked ballot with selects: Wednesday first, then Monday.
      await coord.selectOption('#rank-1', { label: 'Wednesday' });
      await coord.selectOption('#rank-2', { label: 'Monday' });
      await inspect(coord, 'assembly-04-ranked-ballot');
      await coord.click('text=Cast my ballot');
      check((await coord.textContent('.notice')).includes('counted'), 'no confirmation after voting');
      check((await coord.locator('text=Cast my ballot').count()) === 0, 'the ballot form is still offered');

      for (const [i, ranks] of [[0, ['Monday', 'Tuesday']], [1, ['Tuesday', 'Monday']]]) {
        await as(browser, `member${i}`, { locale: 'en-GB' }, async (member) => {
          await member.goto(rankedUrl);
          await member.selectOption('#rank-1', { label: ranks[0] });
          await member.selectOption('#rank-2', { label: ranks[1] });
          await member.click('text=Cast my ballot');
          check((await member.textContent('.notice')).includes('counted'), `member${i} could not vote`);
        });
      }
      await coord.goto(rankedUrl);
      await coord.click('text=Close voting now and count');
      check(coord.url().endsWith('/results'), `closing did not show the results: ${coord.url()}`);
      const results = await coord.textContent('main');
      check(results.includes('Chosen: Monday'), `Monday should win after Wednesday is out: ${results}`);
      check((await coord.locator(`${kTable}`).count()) === 2, 'no round-by-round table');
      check((await coord.locator('tbody tr', { has: coord.locator('th', { hasText: '2' }) }).count()) >= 1,
        'the second round is missing');
      await inspect(coord, 'assembly-05-results');
      const wide = await coord.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= 360, `the results page scrolls sideways (${wide} px wide)`);
    });
  });

  await test('assembly without JavaScript: consent needs a reason to block', async () => {
    await as(browser, 'ada', { locale: 'en-GB', javaScriptEnabled: false }, async (coord) => {
      await as(browser, 'member2', { locale: 'en-GB', javaScriptEnabled: false }, async (member) => {
        const url = await draft(coord, base, { title: 'Share the van with Hillside', text: 'On Saturdays.', method: 'consent' });
        await coord.click('text=Open voting now');
        await member.goto(url);
        await member.check('#position-block');
        await member.click('text=Cast my ballot');
        check((await member.locator('#reason-error').count()) === 1, 'a block without a reason was not refused');
        check(await member.isChecked('#position-block'), 'the chosen position was lost');
        await inspect(member, 'assembly-nojs-01-block-error', { axe: false });
        await member.fill('#reason', 'The van needs new tyres first');
        await member.click('text=Cast my ballot');
        check((await member.textContent('.notice')).includes('counted'), 'the block with a reason was not counted');
      });
      await coord.click('text=Close voting now and count');
      const results = await coord.textContent('main');
      check(results.includes('does not pass'), 'a blocked proposal passed');
      check(results.includes('The van needs new tyres first'), 'the reason for the block is not shown');
      await inspect(coord, 'assembly-nojs-02-results', { axe: false });
    });
  });

  await test('every ballot form without JavaScript: majority, approval, score and dots', async () => {
    await as(browser, 'ada', { locale: 'en-GB', javaScriptEnabled: false }, async (coord) => {
      const cases = [
        { method: 'majority', options: '', fill: async (p) => p.check('#position-yes'), expect: 'The proposal passes.',
          secret: false },
        { method: 'approval', options: 'Soup\nSalad\nStew',
          fill: async (p) => { await p.check('#approve-0'); await p.check('#approve-2'); }, expect: 'Chosen: Soup' },
        { method: 'score', options: 'Soup\nSalad',
          fill: async (p) => { await p.selectOption('#option-0', '1'); await p.selectOption('#option-1', '4'); },
          expect: 'Chosen: Salad' },
        { method: 'dot', options: 'Soup\nSalad\nStew',
          fill: async (p) => { await p.fill('#option-1', '3'); await p.fill('#option-2', '2'); }, expect: 'Chosen: Salad' },
      ];
      for (const c of cases) {
        const url = await draft(coord, base, { title: `Lunch by ${c.method}`, text: 'For Sunday.', method: c.method,
          options: c.options, secret: c.secret !== false });
        await coord.click('text=Open voting now');
        await c.fill(coord);
        await coord.click('text=Cast my ballot');
        check((await coord.textContent('.notice')).includes('counted'), `${c.method}: the ballot was not counted`);
        await coord.goto(url);
        await coord.click('text=Close voting now and count');
        const results = await coord.textContent('main');
        check(results.includes(c.expect), `${c.method}: expected "${c.expect}" in ${results}`);
        // Only the open ballot shows who voted how.
        const shown = results.includes('How each member voted');
        check(shown === (c.secret === false), `${c.method}: the open vote table is ${shown ? 'shown' : 'missing'}`);
      }
      // More dots than allowed are refused at the form, and nothing is counted.
      const url = await draft(coord, base, { title: 'Too many dots', text: '', method: 'dot', options: 'A\nB' });
      await coord.click('text=Open voting now');
      await coord.fill('#option-0', '5');
      await coord.fill('#option-1', '5');
      await coord.click('text=Cast my ballot');
      check((await coord.locator('#ballot-error').count()) === 1, 'ten dots out of five were not refused');
      await coord.goto(url);
      check((await coord.textContent('dl')).includes('0 of'), 'a refused ballot was counted');
    });
  });

  await test('delegates: an election makes a delegate, whose page lists them and lets any member start a recall',
    async () => {
      let electionUrl = '';
      await as(browser, 'ada', { locale: 'en-GB' }, async (coord) => {
        await coord.goto(`${base}/h/commons/assembly/new`);
        await coord.selectOption('#kind', 'election');
        await coord.fill('#title', 'Delegate to the city food council');
        await coord.selectOption('#method', 'stv');
        await coord.fill('#closes_at', '2031-06-01T18:00');
        // Without candidates or a mandate the form says what is missing.
        await coord.click('text=Save the draft');
        check((await coord.locator('#mandate-error').count()) === 1, 'an election without a mandate was accepted');
        await inspect(coord, 'assembly-08-election-errors');
        await coord.check('label:has-text("(@member0)")');
        await coord.check('label:has-text("(@member1)")');
        await coord.fill('#mandate', 'Ask the council for a second cold room.');
        await coord.click('text=Save the draft');
        check(/\/p\/prop_/.test(coord.url()), `the election was not saved: ${coord.url()}`);
        electionUrl = coord.url().split('?')[0];
        await coord.click('text=Open voting now');
      });
      const election = { id: electionUrl.split('/p/')[1] };
      for (const handle of ['member0', 'member2']) {
        await as(browser, handle, { locale: 'en-GB' }, async (page) => {
          await page.goto(`${base}/p/${election.id}`);
          await page.selectOption('#rank-1', { label: 'Member0 (@member0)' });
          await page.click('text=Cast my ballot');
          check((await page.textContent('.notice')).includes('counted'), `${handle} could not vote in the election`);
        });
      }
      await as(browser, 'ada', { locale: 'en-GB' }, async (coord) => {
        await coord.goto(electionUrl);
        await coord.click('text=Close voting now and count');
        check((await coord.textContent('main')).includes('Chosen: Member0'), 'member0 was not elected');
      });
      await as(browser, 'member2', { locale: 'en-GB' }, async (page) => {
        await page.goto(`${base}/h/commons/assembly`);
        await page.click('text=Our delegates');
        check(page.url().endsWith('/h/commons/delegates'), `expected the delegates page, got ${page.url()}`);
        check((await page.textContent('main')).includes('Ask the council for a second cold room.'), 'no mandate shown');
        await inspect(page, 'assembly-06-delegates');
        await page.click('text=Start a recall vote');
        check(/\/p\/prop_/.test(page.url()), `the recall did not open a proposal: ${page.url()}`);
        check((await page.textContent('h1')).startsWith('Recall'), 'the recall has no title');
        check((await page.textContent('.status')).includes('Open'), 'the recall is not open for voting');
        await page.check('#position-yes');
        await page.click('text=Cast my ballot');
        check((await page.textContent('.notice')).includes('counted'), 'could not vote in the recall');
      });
    });

  await test('who may vote: a coordinator sets the waiting period; members read the rule', async () => {
    await as(browser, 'ada', { locale: 'en-GB' }, async (coord) => {
      await coord.goto(`${base}/h/commons/assembly`);
      await coord.click('text=Who may vote');
      check((await coord.textContent('.rule')).includes('as soon as they join'), 'the default rule is not stated');
      await coord.fill('#waiting_days', '400');
      await coord.click('text=Save');
      check((await coord.locator('#waiting_days-error').count()) === 1, '400 days were not refused');
      await inspect(coord, 'assembly-07-settings-error');
      await coord.fill('#waiting_days', '7');
      await coord.fill('#vouches_needed', '1');
      await coord.click('text=Save');
      check((await coord.textContent('.notice')).includes('Saved'), 'no confirmation after saving');
      check((await coord.textContent('.rule')).includes('7 days'), 'the new rule is not stated');
      // Everyone here joined today, so nobody can vouch yet.
      check((await coord.locator('#member').count()) === 0, 'a member still within the wait is offered vouching');
    });
    await as(browser, 'member1', { locale: 'es-ES' }, async (page) => {
      await page.goto(`${base}/h/commons/assembly/settings`);
      check((await page.textContent('.rule')).includes('7 días'), 'the rule is not shown to members in Spanish');
      check((await page.locator('#waiting_days').count()) === 0, 'a member is offered the coordinator form');
      await inspect(page, 'assembly-es-06-settings', { lang: 'es' });
    });
  });

  await test('assembly pages in Spanish', async () => {
    await as(browser, 'member0', { locale: 'es-ES' }, async (page) => {
      await page.goto(`${base}/h/commons/assembly`);
      check((await page.textContent('h1')).includes('Asamblea'), 'the assembly page is not in Spanish');
      await inspect(page, 'assembly-es-01-list', { lang: 'es' });
      await page.goto(rankedUrl);
      await inspect(page, 'assembly-es-02-proposal', { lang: 'es' });
      await page.goto(`${rankedUrl}/results`);
      check((await page.textContent('main')).includes('Recuento, ronda a ronda'), 'the results are not in Spanish');
      await inspect(page, 'assembly-es-03-results', { lang: 'es' });
      await page.goto(`${base}/h/commons/assembly/new`);
      await inspect(page, 'assembly-es-04-new', { lang: 'es' });
      await page.goto(`${base}/h/commons/delegates`);
      await inspect(page, 'assembly-es-05-delegates', { lang: 'es' });
    });
  });
}
