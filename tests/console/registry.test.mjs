// Registry: a registrant whose name is markup shows as text in the search and on its page (no
// element, no dialog); a household lists its members; an auditor sees the record's audit trail; a
// registrant's page shows its memberships, entitlements, redemptions and attendance with the
// figures of GET /api/v1/registrants/{id}/benefits.

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

    // The persona household is enrolled in the food basket and holds this month's basket.
    const benefits = (await call(fixture, `/api/v1/registrants/${DIALLO}/benefits`, {token})).body;
    assert.ok(benefits.memberships.some((m) => m.program_code === 'FOOD_BASKET' && m.state === 'enrolled'),
        JSON.stringify(benefits.memberships));
    assert.ok(benefits.entitlements.some((e) => e.program_code === 'FOOD_BASKET'), JSON.stringify(benefits.entitlements));
    await checkBenefits(page, benefits);
    guard.check();
});

// The page's formats of a figure in thousandths, written independently: a quantity, or money
// (thousandths of the minor unit) in the entitlement's currency; nothing for a figure cash lacks.
function format(value, how) {
    if (value === null) return '—';
    if (how === 'milli') return new Intl.NumberFormat('en').format(value / 1000);
    const currency = how.split(':')[1];
    return new Intl.NumberFormat('en', {style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2})
        .format(value / 1000 / 100);
}

// Every list of the benefits answer is on the page row for row, with each entitlement's figures.
async function checkBenefits(page, api) {
    const list = (name) => page.locator(`table[data-list="${name}"]`);
    // The section fills in once the answer is in (it is busy until then).
    await page.locator('section[aria-labelledby="benefits-title"]:not([aria-busy])').waitFor();
    for (const name of ['memberships', 'entitlements', 'redemptions', 'attendance']) {
        const ids = api[name].map((x) => x.id);
        const shown = ids.length ? await list(name).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id)) : [];
        assert.deepEqual(shown, ids, `${name}: every row of the API, in its order`);
    }
    for (const m of api.memberships) {
        const row = list('memberships').locator(`tr[data-id="${m.id}"]`);
        assert.match(await row.textContent(), new RegExp(m.program_code));
        assert.equal(await row.locator('[data-state]').getAttribute('data-state'), m.state);
    }
    for (const e of api.entitlements) {
        const row = list('entitlements').locator(`tr[data-id="${e.id}"]`);
        const figures = await row.locator('[data-figure]').evaluateAll((nodes) =>
            nodes.map((n) => ({key: n.dataset.figure, how: n.dataset.format, text: n.textContent})));
        assert.deepEqual(figures.map((f) => f.key), ['granted_milli', 'redeemed_milli', 'remaining_milli']);
        for (const {key, how, text} of figures) assert.equal(text, format(e[key], how), `${e.id} ${key}`);
        assert.equal(await row.locator('[data-state]').getAttribute('data-state'), e.state);
        assert.match(await row.textContent(), new RegExp(`${e.valid_from} to ${e.valid_until}`));
    }
}

test('a registrant page shows what the household received: the two tablets\' over-redemption, as the API counts it', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'viewer');
    const open = (await call(fixture, '/api/v1/reconciliation?status=open&type=over_redemption', {token})).body.cases;
    assert.equal(open.length, 1, 'the demo\'s one over-redemption');
    const detail = (await call(fixture, `/api/v1/reconciliation/${open[0].id}`, {token})).body;
    const household = detail.record.registrant;
    const api = (await call(fixture, `/api/v1/registrants/${household.id}/benefits`, {token})).body;
    const basket = api.entitlements.find((e) => e.id === detail.record.entitlement.id);
    assert.ok(basket, 'the case\'s entitlement is the household\'s');
    assert.equal(basket.granted_milli, detail.record.granted_milli);
    assert.equal(basket.redeemed_milli, detail.record.redeemed_milli);
    assert.ok(basket.remaining_milli < 0, 'both tablets handed the whole basket out');
    const handed = api.redemptions.filter((r) => r.entitlement_id === basket.id);
    assert.deepEqual(handed.map((r) => r.proxy_name).sort(), ['Proxy A', 'Proxy B']);

    // A program viewer reads it all; nothing on the page is markup from the server.
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'viewer', {hash: `#/registrant/${household.id}`});
    await heading(page, household.name);
    await checkBenefits(page, api);
    const redemptions = page.getByRole('table', {name: 'Redemptions'});
    assert.match(await redemptions.textContent(), /proxy: Proxy A/);
    assert.match(await redemptions.textContent(), /proxy: Proxy B/);
    await assertAccessible(page, 'registrant benefits');
    await screenshot(page, 'registrant-benefits');
    guard.check();
});
