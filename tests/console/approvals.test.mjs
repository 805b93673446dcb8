// Approvals: a cycle submitted by one program manager waits in another's inbox, who approves it
// with a comment; the API shows the request approved with that comment in its history. A manager
// delegates their approvals for a week and ends the delegation early; the API shows it ended.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {assertAccessible, call, heading, launchBrowser, login, openPage, screenshot, serverToday, startFixture, tokenFor, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

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

// YYYY-MM-DD `days` after the date `day`.
function plusDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

test('delegate for a week, then end the delegation early', {timeout: TEST_TIMEOUT}, async () => {
    const today = serverToday();
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager', {hash: '#/approvals'});
    await heading(page, 'Approvals');
    await page.getByLabel('To user').fill('manager2');
    await page.getByLabel('First day').fill(today);
    await page.getByLabel('Last day').fill(plusDays(today, 7));
    await page.getByLabel('Reason', {exact: true}).fill('Field visit');
    await page.getByRole('button', {name: 'Delegate', exact: true}).click();
    const token = await tokenFor(fixture, 'manager');
    const row = page.locator('tr[data-delegation]').filter({hasText: 'Field visit'});
    await row.waitFor();
    const id = await row.getAttribute('data-delegation');
    let listed = (await call(fixture, '/api/v1/delegations', {token})).body.delegations.find((d) => d.id === id);
    assert.equal(listed.state, 'active');
    assert.match(await row.textContent(), /active/);
    await assertAccessible(page, 'delegations');

    // The delegate sees it, without a button to end it: only the one who gave it may.
    const delegate = await openPage(browser, fixture);
    await login(delegate.page, fixture, 'manager2', {hash: '#/approvals'});
    const theirs = delegate.page.locator(`tr[data-delegation="${id}"]`);
    await theirs.waitFor();
    assert.equal(await theirs.getByRole('button').count(), 0);
    delegate.guard.check();

    await row.getByRole('button', {name: /^End the delegation to manager2/}).click();
    await page.getByRole('status').filter({hasText: 'Delegation ended.'}).waitFor();
    const ended = page.locator(`tr[data-delegation="${id}"]`);
    assert.match(await ended.textContent(), /ended by manager on/);
    assert.equal(await ended.getByRole('button').count(), 0, 'nothing left to end');
    listed = (await call(fixture, '/api/v1/delegations', {token})).body.delegations.find((d) => d.id === id);
    assert.equal(listed.state, 'ended');
    assert.equal(listed.ended_by, 'manager');
    assert.equal(listed.until, plusDays(today, 7), 'the range given is kept');
    // Ended once: a second end (another tab) is refused and changes nothing.
    const again = await call(fixture, `/api/v1/delegations/${id}/end`, {method: 'POST', token, body: {}});
    assert.equal(again.status, 409);
    await screenshot(page, 'approvals-delegations');
    guard.check();
});

test('an administrator finds and ends anyone\'s delegation', {timeout: TEST_TIMEOUT}, async () => {
    const today = serverToday();
    const managerToken = await tokenFor(fixture, 'manager2');
    const given = await call(fixture, '/api/v1/delegations', {method: 'POST', token: managerToken,
        body: {delegate: 'manager', from: plusDays(today, 3), until: plusDays(today, 9), reason: 'Training course'}});
    assert.equal(given.status, 201);
    const id = given.body.id;

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'admin');
    await page.getByRole('link', {name: 'Delegations'}).click();
    await heading(page, 'Every delegation');
    assert.equal(await page.getByLabel('To user').count(), 0, 'an administrator delegates no approvals');
    const row = page.locator(`tr[data-delegation="${id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /manager2.*manager.*Training course.*scheduled/);
    await assertAccessible(page, 'delegations-admin');
    await row.getByRole('button', {name: /^End the delegation to manager /}).click();
    await page.getByRole('status').filter({hasText: 'Delegation ended.'}).waitFor();
    assert.match(await page.locator(`tr[data-delegation="${id}"]`).textContent(), /ended by admin on/);
    const listed = (await call(fixture, '/api/v1/delegations', {token: managerToken})).body.delegations
        .find((d) => d.id === id);
    assert.equal(listed.state, 'ended');
    assert.equal(listed.ended_by, 'admin');
    await screenshot(page, 'delegations-admin');
    guard.check();
});
