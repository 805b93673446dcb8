// Roles: a program viewer sees the screens it may read and no button it may not use (resolve,
// revoke), and the server answers 403 when it calls those routes anyway.

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
        ['Reconciliation', 'Monitoring', 'Registry', 'Approvals']);
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
    guard.check();

    const devices = (await call(fixture, '/api/v1/devices', {token: await tokenFor(fixture, 'admin')})).body.devices;
    const refused = [
        await call(fixture, `/api/v1/reconciliation/${open.id}/resolve`, {method: 'POST', token: viewer,
            body: {decision: {action: 'dismiss'}, reason: 'not mine to decide'}}),
        await call(fixture, `/api/v1/devices/${devices[0].id}/revoke`, {method: 'POST', token: viewer, body: {reason: 'no'}}),
        await call(fixture, '/api/v1/devices', {token: viewer}),
        await call(fixture, '/api/v1/devices/enrollment-codes', {method: 'POST', token: viewer, body: {service_point_ids: devices[0].service_point_ids}}),
    ];
    assert.deepEqual(refused.map((r) => r.status), [403, 403, 403, 403]);
    const still = (await call(fixture, `/api/v1/reconciliation/${open.id}`, {token: viewer})).body;
    assert.equal(still.case.status, 'open', 'the refused decision changed nothing');
});
