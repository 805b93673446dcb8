// Payments: on an approved cash cycle of this month (the child grant, enrolled and approved through
// the API), a finance user creates a batch, downloads the provider file (the SHA-256 shown is the
// file's and the batch's), uploads a result file the server refuses (every problem listed with its
// line and column, as the API lists them), then a good one with one failure, and a second batch
// that takes the failed payment. The API shows both batches with those counts.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {assertAccessible, call, finishedJob, heading, launchBrowser, login, openPage, screenshot, serverToday, startFixture, tokenFor, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

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

// An approved cycle of the child grant for the server's current month (entitlements past their
// validity would expire before they are paid).
async function approvedCashCycle(manager) {
    const grant = (await call(fixture, '/api/v1/programs', {token: manager})).body.programs.find((p) => p.code === 'CHILD_GRANT');
    const queued = await call(fixture, `/api/v1/programs/${grant.id}/jobs`, {method: 'POST', token: manager,
        body: {operation: 'enroll', reference_date: '2026-11-01'}});
    assert.equal(queued.status, 202, JSON.stringify(queued.body));
    assert.equal((await finishedJob(fixture, manager, queued.body.job.id)).state, 'succeeded');
    const today = serverToday();
    const first = `${today.slice(0, 8)}01`;
    const last = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const cycle = await call(fixture, `/api/v1/programs/${grant.id}/cycles`, {method: 'POST', token: manager,
        body: {name: 'Console payments', start: first, end: last}});
    assert.equal(cycle.status, 201, JSON.stringify(cycle.body));
    const id = cycle.body.id;
    assert.equal((await call(fixture, `/api/v1/cycles/${id}/entitlements/generate`, {method: 'POST', token: manager})).status, 200);
    const submitted = await call(fixture, `/api/v1/cycles/${id}/submit`, {method: 'POST', token: manager});
    const approved = await call(fixture, `/api/v1/approvals/${submitted.body.approval_request.id}/approve`,
        {method: 'POST', token: await tokenFor(fixture, 'manager2'), body: {comment: 'ok'}});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    return id;
}

test('batch, provider file with its SHA-256, refused then applied results, a second batch for the failure', {timeout: TEST_TIMEOUT}, async () => {
    const manager = await tokenFor(fixture, 'manager');
    const cycleId = await approvedCashCycle(manager);
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager', {hash: `#/cycle/${cycleId}`});
    await heading(page, 'Cycle 1: Console payments');
    await page.getByText('No payment batch yet.').waitFor();

    await page.getByLabel('Provider name').fill('MobileMoneyCo');
    await page.getByLabel('Provider kind').selectOption('mobile_money');
    await page.getByRole('button', {name: 'Create the batch'}).click();
    const card = page.locator('article[data-batch]');
    await card.waitFor();
    const batchId = await card.getAttribute('data-batch');
    const created = (await call(fixture, `/api/v1/payment-batches/${batchId}`, {token: manager})).body;
    const payments = created.payments.pending;
    assert.ok(payments > 2);
    assert.equal(await card.locator('[data-counts]').textContent(), `${payments} pending, 0 paid, 0 failed`);

    // The provider file: the SHA-256 shown is the header's, the file's and the batch's.
    const download = page.waitForEvent('download');
    await card.getByRole('button', {name: /Download the provider file/}).click();
    const bytes = await readFile(await (await download).path());
    const sha = createHash('sha256').update(bytes).digest('hex');
    await page.locator(`[data-sha256="${sha}"]`).waitFor();
    await page.getByText('This browser computed the same SHA-256').waitFor();
    assert.equal((await call(fixture, `/api/v1/payment-batches/${batchId}`, {token: manager})).body.file_sha256, sha);
    await page.locator(`article[data-batch="${batchId}"] code.sha`).filter({hasText: sha}).waitFor();

    // Results: the first payment failed, the rest paid. A bad status and a stray line are refused.
    const entitlements = bytes.toString('utf8').trim().split('\n').slice(1).map((line) => line.split(',')[1]);
    assert.equal(entitlements.length, payments);
    const good = ['entitlement,status,reference,reason',
        ...entitlements.map((e, i) => (i === 0 ? `${e},failed,,no such wallet` : `${e},paid,R${i},`))].join('\n') + '\n';
    const bad = good.replace(',paid,R1,', ',maybe,R1,') + '01900000-0000-7000-8000-999999999999,paid,R0,\n';
    await uploadResults(page, batchId, bad);
    const problems = page.getByRole('table', {name: 'Problems in the result file'});
    await problems.waitFor();
    const refused = await call(fixture, `/api/v1/payment-batches/${batchId}/results`, {method: 'POST', token: manager, csv: bad});
    assert.equal(refused.status, 422);
    const expected = refused.body.error.report.problems;
    assert.ok(expected.length >= 2);
    const rows = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows, expected.map((p) => [String(p.line), p.column || '—', p.message]));
    assert.equal((await call(fixture, `/api/v1/payment-batches/${batchId}`, {token: manager})).body.payments.pending, payments, 'nothing applied');
    await assertAccessible(page, 'payments, refused file');
    await screenshot(page, 'payments-refused');

    await uploadResults(page, batchId, good);
    await page.getByRole('status').filter({hasText: `${payments - 1} paid, 1 failed`}).waitFor();
    await page.locator(`article[data-batch="${batchId}"] [data-counts]`).filter({hasText: `0 pending, ${payments - 1} paid, 1 failed`}).waitFor();

    // The failed payment goes to a second batch.
    await page.getByLabel('Provider name').fill('Agents');
    await page.getByLabel('Provider kind').selectOption('cash_agent');
    await page.getByRole('button', {name: 'Create the batch'}).click();
    await page.locator('article[data-batch]').nth(1).waitFor();
    const second = page.locator('article[data-batch]').nth(1);
    assert.equal(await second.locator('[data-counts]').textContent(), '1 pending, 0 paid, 0 failed');
    await assertAccessible(page, 'payments');
    await screenshot(page, 'payments');

    const {batches} = (await call(fixture, `/api/v1/cycles/${cycleId}/payment-batches`, {token: manager})).body;
    assert.deepEqual(batches.map((b) => [b.provider, b.provider_kind, b.payments]), [
        ['MobileMoneyCo', 'mobile_money', {pending: 0, paid: payments - 1, failed: 1}],
        ['Agents', 'cash_agent', {pending: 1, paid: 0, failed: 0}],
    ]);
    assert.equal(batches[0].file_sha256, sha);
    assert.equal(await second.getAttribute('data-batch'), batches[1].id);
    guard.check();
});

async function uploadResults(page, batchId, csv) {
    const card = page.locator(`article[data-batch="${batchId}"]`);
    await card.getByLabel(/Result file for/).setInputFiles({name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(csv)});
    await card.getByRole('button', {name: 'Upload the results'}).click();
}
