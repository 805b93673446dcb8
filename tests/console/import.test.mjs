// Registry import: a file with bad rows is refused as a whole, each bad row listed with its line and
// column (as the API lists them) and nothing written; the corrected file creates the household and
// its members, the page's counts equal the API's and the registry finds them.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {assertAccessible, call, heading, launchBrowser, login, openPage, screenshot, startFixture, tokenFor, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

let fixture;
let browser;
before(async () => {
    fixture = await startFixture();
    browser = await launchBrowser();
}, {timeout: SETUP_TIMEOUT});
after(async () => {
    await browser?.close();
    await fixture?.stop();
});

const HEADER = 'record_type,external_id,household_external_id,membership_kind,name,given_name,family_name,birthdate,sex,area_code';
const GOOD = `${HEADER}
group,CONSOLE-H1,,,Console household,,,,,DL-1-1
individual,CONSOLE-I1,CONSOLE-H1,head,,Mariama,Console,1980-04-02,female,DL-1-1
individual,CONSOLE-I2,CONSOLE-H1,child,,Ibou,Console,2020-09-15,male,DL-1-1
`;
// Line 2: an area that does not exist; line 4: a day that is not in the calendar, and a bad sex.
const BAD = GOOD.replace('Console household,,,,,DL-1-1', 'Console household,,,,,NOWHERE-9')
    .replace('2020-09-15,male', '2020-02-30,mail');

async function upload(page, name, csv) {
    await page.getByLabel('Registry CSV file').setInputFiles({name, mimeType: 'text/csv', buffer: Buffer.from(csv)});
    await page.getByRole('button', {name: 'Import'}).click();
}

test('a bad file is refused with every bad row, the good one imports', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'manager');
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager');
    await page.getByRole('link', {name: 'Import'}).click();
    await heading(page, 'Registry import');

    await upload(page, 'households.csv', BAD);
    const problems = page.getByRole('table', {name: 'Bad rows'});
    await problems.waitFor();
    const shown = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const refused = await call(fixture, '/api/v1/registrants/import', {method: 'POST', token, csv: BAD});
    assert.equal(refused.status, 400);
    // The page shows every row of the API's error.problems, in order.
    const listed = refused.body.error.problems.map((p) => [String(p.line), p.column, p.message]);
    assert.deepEqual(shown, listed);
    assert.deepEqual(shown.map(([line, column]) => `${line}:${column}`), ['2:area_code', '4:birthdate', '4:sex']);
    const none = await call(fixture, '/api/v1/registrants?external_id=CONSOLE-H1', {token});
    assert.equal(none.body.registrants.length, 0, 'nothing written');
    await assertAccessible(page, 'import refused');
    await screenshot(page, 'import-refused');

    await upload(page, 'households.csv', GOOD);
    await page.getByRole('status').filter({hasText: 'households.csv imported.'}).waitFor();
    const counts = Object.fromEntries(await page.locator('[data-count]').evaluateAll((nodes) =>
        nodes.map((n) => [n.dataset.count, Number(n.textContent)])));
    assert.deepEqual(counts, {rows: 3, groups_created: 1, individuals_created: 2, updated: 0, unchanged: 0, memberships_changed: counts.memberships_changed});
    await assertAccessible(page, 'import done');
    await screenshot(page, 'import');

    const found = (await call(fixture, '/api/v1/registrants?external_id=CONSOLE-H1', {token})).body.registrants;
    assert.equal(found.length, 1);
    const {members} = (await call(fixture, `/api/v1/registrants/${found[0].id}/members`, {token})).body;
    assert.deepEqual(members.map((m) => m.name).sort(), ['Ibou Console', 'Mariama Console']);
    // The same file again changes nothing, which the page reports as unchanged rows.
    await upload(page, 'households.csv', GOOD);
    await page.locator('[data-count="unchanged"]').filter({hasText: '3'}).waitFor();
    guard.check();
});
