// Programs and cycles: a program manager opens the child grant (its rules as the API holds them),
// runs the enrollment job and watches it finish, creates a cycle with a budget too small, sees the
// over-budget refusal with the API's figures, generates scaled to the budget and submits the cycle
// for approval; the API shows the memberships, the entitlements within budget and the request.

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

const usd = (minor) => new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'}).format(minor / 100);

test('enrollment job with progress, a cycle over budget then scaled, submitted for approval', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'manager');
    const grant = (await call(fixture, '/api/v1/programs', {token})).body.programs.find((p) => p.code === 'CHILD_GRANT');
    const path = `/api/v1/monitoring/programs/${grant.id}`;
    assert.equal((await call(fixture, path, {token})).body.coverage.enrolled, 0, 'the demo leaves the child grant unenrolled');

    const {page, guard} = await openPage(browser, fixture);
    const polls = [];
    page.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/api/v1/jobs/')) polls.push(r.url()); });
    await login(page, fixture, 'manager');
    await page.getByRole('link', {name: 'Programs'}).click();
    await heading(page, 'Programs');
    await page.getByRole('link', {name: 'CHILD_GRANT'}).click();
    await heading(page, 'CHILD_GRANT — Universal child grant');
    assert.equal(await page.locator('[data-rule="eligibility"]').textContent(), grant.eligibility_cel);
    assert.equal(await page.locator('[data-rule="entitlement"]').textContent(), grant.entitlement_rule.cel);

    // The enrollment job, followed until it ends.
    await page.getByLabel('Operation').selectOption('enroll');
    await page.getByLabel('Reference date').fill('2026-11-01');
    await page.getByRole('button', {name: 'Run the job'}).click();
    const done = page.locator('[data-job][data-state="succeeded"]');
    await done.waitFor();
    assert.ok(polls.length >= 1, 'the page polled the job');
    const job = (await call(fixture, `/api/v1/jobs/${await done.getAttribute('data-job')}`, {token})).body.job;
    assert.equal(job.state, 'succeeded');
    assert.equal(job.options.reference_date, '2026-11-01');
    assert.ok(job.result.enrolled > 0);
    assert.equal(await page.locator('#job-progress').getAttribute('max'), String(job.progress.total));
    await page.getByText(`Progress: ${job.progress.done} of ${job.progress.total}`).waitFor();
    const figures = (await call(fixture, path, {token})).body;
    assert.equal(figures.coverage.enrolled, job.result.enrolled);
    await page.locator('[data-coverage]').filter({hasText: `${figures.coverage.enrolled} enrolled of ${figures.coverage.eligible} eligible`}).waitFor();
    await assertAccessible(page, 'program');
    await screenshot(page, 'program');

    // A cycle whose budget (500.00) the grant exceeds: refused with the figures, then scaled.
    await page.getByLabel('Name', {exact: true}).fill('Console cycle');
    await page.getByLabel('First day').fill('2030-01-01');
    await page.getByLabel('Last day').fill('2030-01-31');
    await page.getByLabel('Budget in USD (optional)').fill('500');
    await page.getByRole('button', {name: 'Create the cycle'}).click();
    await heading(page, 'Cycle 1: Console cycle');
    const cycleId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    await page.getByRole('button', {name: 'Generate the entitlements'}).click();
    const refusal = page.locator('[data-over-budget]');
    await refusal.waitFor();
    const again = await call(fixture, `/api/v1/cycles/${cycleId}/entitlements/generate`, {method: 'POST', token});
    assert.equal(again.status, 422, 'still over budget: the refusal wrote nothing');
    const {total, budget, count} = again.body.error;
    assert.equal(budget, 50000);
    assert.equal(await refusal.textContent(),
        `Nothing was written: the ${count} new entitlements total ${usd(total)}, over the cycle budget of ${usd(budget)}.`);
    await assertAccessible(page, 'cycle over budget');
    await screenshot(page, 'cycle-over-budget');
    await page.getByRole('button', {name: 'Generate scaled to the budget'}).click();
    await page.getByRole('status').filter({hasText: /entitlements created, scaled by/}).waitFor();

    await page.getByRole('button', {name: 'Submit for approval'}).click();
    await page.getByRole('status').filter({hasText: 'The cycle waits for approval'}).waitFor();
    await page.locator('[data-cycle-state="to_approve"]').waitFor();
    assert.equal(await page.getByRole('button', {name: 'Submit for approval'}).count(), 0, 'no draft action once submitted');
    await assertAccessible(page, 'cycle submitted');
    await screenshot(page, 'cycle');

    // The API: the cycle waits for approval with its entitlements within the budget.
    const cycle = (await call(fixture, `/api/v1/cycles/${cycleId}`, {token})).body;
    assert.equal(cycle.state, 'to_approve');
    const {entitlements} = (await call(fixture, `/api/v1/cycles/${cycleId}/entitlements?limit=1000`, {token})).body;
    assert.equal(entitlements.length, count);
    assert.ok(entitlements.reduce((sum, e) => sum + e.amount, 0) <= budget);
    const shownCount = await page.locator('table.entitlements tbody td').nth(1).textContent();
    assert.equal(Number(shownCount), count);
    const pending = (await call(fixture, '/api/v1/approvals?state=pending', {token: await tokenFor(fixture, 'manager2')})).body.approvals;
    const request = pending.find((a) => a.record_id === cycleId);
    assert.equal(request.action, 'cycle_approval');
    assert.equal(await page.locator(`a[data-approval="${request.id}"]`).count(), 1);
    guard.check();
});
