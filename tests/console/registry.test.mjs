// Registry: a registrant whose name is markup shows as text in the search and on its page (no
// element, no dialog); a household lists its members; an auditor sees the record's audit trail.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {assertAccessible, call, consoleUrl, heading, launchBrowser, login, openPage, screenshot, startFixture, tokenFor, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

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

const MARKUP = '<img src=x onerror=alert(1)>';
const DIALLO = '01900000-0000-7000-8000-010000000000';  // persona household 1 (docs/personas.md)

test('a name made of markup is text in the search, on its page and in the audit trail', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'manager');
    const created = await call(fixture, '/api/v1/registrants', {method: 'POST', token,
        body: {kind: 'individual', name: MARKUP, national_id: 'CONSOLE-XSS-1', sex: 'female'}});
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager');
    await page.getByRole('link', {name: 'Registry'}).click();
    await heading(page, 'Registry');
    await page.getByLabel('Search for').fill('<img');
    await page.getByRole('button', {name: 'Search'}).click();
    const link = page.locator(`tr[data-registrant="${id}"] a`);
    await link.waitFor();
    assert.equal(await link.textContent(), MARKUP);
    assert.equal(await page.locator('main img').count(), 0, 'no img element');
    await assertAccessible(page, 'registry search');
    await screenshot(page, 'registry');

    await link.click();
    await heading(page, MARKUP);
    assert.equal(await page.locator('main img').count(), 0, 'no img element');
    assert.equal(await page.title(), `${MARKUP} — spmis console`);
    await screenshot(page, 'registrant');

    // By national id, the same record.
    await page.goto(consoleUrl(fixture, '#/registry'));
    await page.getByLabel('Search by').selectOption('national_id');
    await page.getByLabel('Search for').fill('CONSOLE-XSS-1');
    await page.getByRole('button', {name: 'Search'}).click();
    await page.locator(`tr[data-registrant="${id}"]`).waitFor();
    assert.equal(await page.locator('tr[data-registrant]').count(), 1);
    guard.check();

    // The auditor sees who created it; the program manager has no audit_read, so no trail.
    assert.equal(await page.getByRole('heading', {name: 'Audit trail'}).count(), 0);
    const auditor = await openPage(browser, fixture);
    await login(auditor.page, fixture, 'auditor', {hash: `#/registrant/${id}`});
    await heading(auditor.page, MARKUP);
    const trail = auditor.page.getByRole('table', {name: 'Audit trail'});
    await trail.waitFor();
    const events = (await call(fixture, `/api/v1/audit?record=${id}`, {token: await tokenFor(fixture, 'auditor')})).body.events;
    assert.equal(await trail.locator('tbody tr').count(), events.length);
    assert.match(await trail.textContent(), /manager.*create/s);
    assert.equal(await auditor.page.locator('main img').count(), 0);
    await assertAccessible(auditor.page, 'registrant with audit trail');
    await screenshot(auditor.page, 'registrant-audit');
    auditor.guard.check();
});

test('a household page lists its members', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'manager');
    const {members} = (await call(fixture, `/api/v1/registrants/${DIALLO}/members`, {token})).body;
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager', {hash: `#/registrant/${DIALLO}`});
    await heading(page, 'Diallo household');
    const table = page.getByRole('table', {name: 'Household members'});
    await table.waitFor();
    assert.deepEqual(await table.locator('tbody tr td:first-child').allTextContents(), members.map((m) => m.name));
    await assertAccessible(page, 'household');
    await screenshot(page, 'household');
    guard.check();
});
