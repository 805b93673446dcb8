// Approvals: a cycle submitted by one program manager waits in another's inbox, who approves it
// with a comment; the API shows the request approved with that comment in its history.

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

const COMMENT = 'Budget checked against the plan.';

test('approve with a comment from the inbox', {timeout: TEST_TIMEOUT}, async () => {
    const requester = await tokenFor(fixture, 'manager');
    const {programs} = (await call(fixture, '/api/v1/programs', {token: requester})).body;
    const pension = programs.find((p) => p.code === 'ELDERLY_PENSION');
    const cycle = await call(fixture, `/api/v1/programs/${pension.id}/cycles`, {method: 'POST', token: requester,
        body: {name: 'Console test cycle', start: '2030-01-01', end: '2030-01-31'}});
    assert.equal(cycle.status, 201, JSON.stringify(cycle.body));
    const submitted = await call(fixture, `/api/v1/cycles/${cycle.body.id}/submit`, {method: 'POST', token: requester});
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const request = submitted.body.approval_request;

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager2');
    await page.getByRole('link', {name: 'Approvals'}).click();
    await heading(page, 'Approvals');
    const card = page.locator(`article[data-approval="${request.id}"]`);
    await card.waitFor();
    assert.match(await card.textContent(), /Cycle approval.*ELDERLY_PENSION/s);
    assert.match(await card.textContent(), /Requested by manager/);
    await assertAccessible(page, 'approvals');
    await screenshot(page, 'approvals');
    await card.getByLabel('Comment').fill(COMMENT);
    await card.getByRole('button', {name: 'Approve'}).click();
    await page.getByRole('status').filter({hasText: 'Approved.'}).waitFor();
    assert.equal(await page.locator(`article[data-approval="${request.id}"]`).count(), 0, 'gone from the inbox');

    const read = (await call(fixture, `/api/v1/approvals/${request.id}`, {token: requester})).body;
    assert.equal(read.state, 'approved');
    assert.deepEqual(read.history.map((d) => [d.actor, d.verdict, d.comment]), [['manager2', 'approve', COMMENT]]);

    // The history is one click away in the approved list.
    await page.getByLabel('Show').selectOption('approved');
    const done = page.locator(`article[data-approval="${request.id}"]`);
    await done.getByText('History').click();
    await done.getByRole('table', {name: 'History'}).getByText(COMMENT).waitFor();
    await assertAccessible(page, 'approved requests');
    await screenshot(page, 'approvals-history');
    guard.check();
});
