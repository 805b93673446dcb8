// Reconciliation: the demo's two-tablet over-redemption is in the queue, is resolved in the browser
// with a reason, the API shows it resolved exactly once, and a second tab still holding the old
// version (ETag) is refused with 409, which the page explains with a way to reload.

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

const REASON = 'Tablet B handed out the same basket again: its redemption is voided.';

test('the over-redemption is resolved once in the browser; a stale second tab gets 409', {timeout: TEST_TIMEOUT}, async () => {
    const manager = await tokenFor(fixture, 'manager');
    const open = await call(fixture, '/api/v1/reconciliation?status=open&type=over_redemption', {token: manager});
    assert.equal(open.status, 200);
    assert.equal(open.body.cases.length, 1, 'the demo leaves one open over_redemption case');
    const id = open.body.cases[0].id;
    assert.equal(open.body.counts.over_redemption, 1);

    // Tab 1: the queue shows the case and its count.
    const one = await openPage(browser, fixture);
    await login(one.page, fixture, 'manager');
    await heading(one.page, 'Reconciliation queue');
    const count = one.page.locator('a[data-type="over_redemption"] .count');
    assert.equal(await count.textContent(), '1');
    const row = one.page.locator(`tr[data-case="${id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Over-redemption/);
    await assertAccessible(one.page, 'queue');
    await screenshot(one.page, 'queue');

    // Tab 2 (same user, another tab: its own session) opens the case now and keeps it open.
    const two = await openPage(browser, fixture, {context: one.context});
    await login(two.page, fixture, 'manager', {hash: `#/case/${id}`});
    await two.page.getByRole('heading', {level: 1, name: /Over-redemption/}).waitFor();
    const resolveRequests = [];
    two.page.on('request', (r) => { if (r.url().endsWith('/resolve')) resolveRequests.push(r.headers()); });

    // Tab 1 opens the case: both tablets' operations beside the server's entitlement.
    await row.getByRole('link').click();
    await one.page.getByRole('heading', {level: 1, name: /Over-redemption/}).waitFor();
    const operations = one.page.locator('article.operation');
    assert.equal(await operations.count(), 2, 'one operation per tablet');
    const detail = await call(fixture, `/api/v1/reconciliation/${id}`, {token: manager});
    assert.equal(new Set(detail.body.operations.map((o) => o.device_id)).size, 2, 'two tablets');
    const shownOps = (await operations.allTextContents()).join('\n');
    for (const op of detail.body.operations) {
        assert.ok(shownOps.includes(op.device_id) && shownOps.includes(op.officer), `operation of ${op.officer} shown`);
    }
    await one.page.getByRole('heading', {name: 'Server record now'}).waitFor();
    await assertAccessible(one.page, 'case');
    await screenshot(one.page, 'case');

    // Tab 1 resolves: void the second tablet's redemption, with a reason.
    await one.page.getByLabel('Decision', {exact: true}).selectOption('void_redemption');
    const redemption = one.page.getByLabel('Redemption to void');
    const choices = await redemption.locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.equal(choices.length, 2);
    await redemption.selectOption(choices[1]);
    await one.page.getByLabel('Reason').fill(REASON);
    await one.page.getByRole('button', {name: 'Resolve'}).click();
    await one.page.getByRole('status').filter({hasText: 'The case is resolved.'}).waitFor();
    await one.page.getByRole('heading', {level: 2, name: 'Decision'}).waitFor();
    assert.equal(await one.page.getByRole('button', {name: 'Resolve'}).count(), 0, 'no form once resolved');

    // Tab 2 still holds the old version: its decision is refused and the page says why.
    await two.page.getByLabel('Decision', {exact: true}).selectOption('dismiss');
    await two.page.getByLabel('Reason').fill('Seen in an old tab.');
    await two.page.getByRole('button', {name: 'Resolve'}).click();
    const alert = two.page.getByRole('alert').filter({hasText: 'The case changed since you opened it'});
    await alert.waitFor();
    assert.match(await alert.textContent(), /resolved/);
    assert.equal(resolveRequests.length, 1);
    assert.match(resolveRequests[0]['if-match'] || '', /^"?.+"?$/, 'the resolve carried If-Match');
    assert.equal(resolveRequests[0]['if-match'], detail.headers.get('etag'));
    await assertAccessible(two.page, 'case, stale decision');
    await screenshot(two.page, 'case-stale');
    await two.page.getByRole('button', {name: 'Reload the case'}).click();
    await two.page.getByRole('heading', {level: 2, name: 'Decision'}).waitFor();
    assert.match(await two.page.locator('dl').last().textContent(), /manager/);

    // The API: resolved exactly once, with tab 1's decision and reason; the redemption voided.
    const resolved = await call(fixture, '/api/v1/reconciliation?status=resolved&type=over_redemption', {token: manager});
    const mine = resolved.body.cases.filter((c) => c.id === id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].decided_by, 'manager');
    assert.equal(mine[0].reason, REASON);
    assert.deepEqual(mine[0].decision, {action: 'void_redemption', redemption_id: choices[1]});
    const still = await call(fixture, '/api/v1/reconciliation?status=open&type=over_redemption', {token: manager});
    assert.equal(still.body.cases.length, 0);
    const audit = await call(fixture, `/api/v1/reconciliation/${id}`, {token: manager});
    assert.equal(audit.body.case.status, 'resolved');

    // Resolved cases stay searchable, with who decided what.
    await one.page.goto(consoleUrl(fixture, '#/queue?status=resolved&type=over_redemption'));
    const resolvedRow = one.page.locator(`tr[data-case="${id}"]`);
    await resolvedRow.waitFor();
    assert.match(await resolvedRow.textContent(), /Void a redemption.*manager/);
    await assertAccessible(one.page, 'resolved queue');
    await screenshot(one.page, 'queue-resolved');
    one.guard.check();
    two.guard.check();
});
