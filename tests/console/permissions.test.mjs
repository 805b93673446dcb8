// Roles: a program viewer sees the screens it may read and no button it may not use (resolve,
// revoke, run a job, create a cycle or a payment batch, import), and the server answers 403 when
// it calls those routes anyway.

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

test('a program viewer reads, cannot act, and the API agrees', {timeout: TEST_TIMEOUT}, async () => {
    const viewer = await tokenFor(fixture, 'viewer');
    const me = (await call(fixture, '/api/v1/auth/me', {token: viewer})).body;
    assert.deepEqual([...me.permissions].sort(), ['program_read', 'registry_read']);
    const [open] = (await call(fixture, '/api/v1/reconciliation?status=open&type=over_redemption', {token: viewer})).body.cases;

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'viewer');
    assert.deepEqual(await page.locator('header nav a').allTextContents(),
        ['Reconciliation', 'Monitoring', 'Programs', 'Registry', 'Approvals']);
    await page.locator(`tr[data-case="${open.id}"] a`).click();
    await page.getByRole('heading', {level: 1, name: /Over-redemption/}).waitFor();
    await page.getByRole('heading', {name: 'Server record now'}).waitFor();
    assert.equal(await page.getByRole('button', {name: 'Resolve'}).count(), 0);
    assert.equal(await page.locator('form.resolve').count(), 0);
    await assertAccessible(page, 'case as viewer');
    await screenshot(page, 'case-viewer');
    // The devices screen is not offered, and its address leads back to the first screen.
    await page.goto(consoleUrl(fixture, '#/devices'));
    await heading(page, 'Reconciliation queue');
    assert.equal(await page.getByRole('button', {name: 'Revoke'}).count(), 0);
    // A program page: its rules and cycles, no job or cycle form; the import screen is not offered.
    const {programs} = (await call(fixture, '/api/v1/programs', {token: viewer})).body;
    const basket = programs.find((p) => p.code === 'FOOD_BASKET');
    await page.goto(consoleUrl(fixture, `#/program/${basket.id}`));
    await heading(page, `FOOD_BASKET — ${basket.name}`);
    await page.getByRole('heading', {name: 'Cycles'}).waitFor();
    assert.equal(await page.getByRole('button').filter({hasText: /Run the job|Create the cycle/}).count(), 0);
    await page.goto(consoleUrl(fixture, '#/import'));
    await heading(page, 'Reconciliation queue');
    guard.check();

    const devices = (await call(fixture, '/api/v1/devices', {token: await tokenFor(fixture, 'admin')})).body.devices;
    const refused = [
        await call(fixture, `/api/v1/reconciliation/${open.id}/resolve`, {method: 'POST', token: viewer,
            body: {decision: {action: 'dismiss'}, reason: 'not mine to decide'}}),
        await call(fixture, `/api/v1/devices/${devices[0].id}/revoke`, {method: 'POST', token: viewer, body: {reason: 'no'}}),
        await call(fixture, '/api/v1/devices', {token: viewer}),
        await call(fixture, '/api/v1/devices/enrollment-codes', {method: 'POST', token: viewer, body: {service_point_ids: devices[0].service_point_ids}}),
        await call(fixture, `/api/v1/programs/${basket.id}/jobs`, {method: 'POST', token: viewer, body: {operation: 'enroll'}}),
        await call(fixture, `/api/v1/programs/${basket.id}/cycles`, {method: 'POST', token: viewer,
            body: {name: 'not mine', start: '2030-01-01', end: '2030-01-31'}}),
        await call(fixture, '/api/v1/registrants/import', {method: 'POST', token: viewer, csv: 'record_type,external_id\n'}),
    ];
    assert.deepEqual(refused.map((r) => r.status), [403, 403, 403, 403, 403, 403, 403]);
    const still = (await call(fixture, `/api/v1/reconciliation/${open.id}`, {token: viewer})).body;
    assert.equal(still.case.status, 'open', 'the refused decision changed nothing');
});
