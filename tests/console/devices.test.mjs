// Devices: an administrator sees the demo's two tablets, creates an enrollment code for a service
// point (the code, shown as text, enrolls a device through the API) and revokes a tablet with a reason.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
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

test('list, enrollment code, revoke with a reason', {timeout: TEST_TIMEOUT}, async () => {
    const admin = await tokenFor(fixture, 'admin');
    const before = (await call(fixture, '/api/v1/devices', {token: admin})).body.devices;
    assert.equal(before.length, 2, 'the demo\'s two tablets');
    // The administrator may not read the registry, so the page asks for service point codes as text.
    const points = (await call(fixture, '/api/v1/service-points', {token: await tokenFor(fixture, 'manager')})).body.service_points;
    const point = points.find((sp) => sp.id === before[0].service_point_ids[0]);

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'admin');
    await heading(page, 'Field devices');
    assert.deepEqual(await page.locator('header nav a').allTextContents(), ['Devices'], 'an administrator sees devices only');
    const rows = page.locator('tr[data-device]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), before.length);
    await assertAccessible(page, 'devices');
    await screenshot(page, 'devices');

    await page.getByLabel('Service point codes').fill(point.code);
    await page.getByRole('button', {name: 'Create the code'}).click();
    const code = page.locator('.enrollment-code');
    await code.waitFor();
    const text = (await code.textContent()).trim();
    assert.ok(text.length >= 6, `a code to type: ${text}`);
    await screenshot(page, 'devices-code');
    const enrolled = await call(fixture, '/api/v1/devices/enroll', {method: 'POST',
        body: {code: text, public_key: randomBytes(32).toString('hex'), name: 'console-test-tablet'}});
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
    assert.deepEqual(enrolled.body.service_point_ids, [point.id]);

    const target = before[0];
    const row = page.locator(`tr[data-device="${target.id}"]`);
    await row.getByRole('button', {name: 'Revoke'}).click();
    await row.getByLabel(/Reason for revoking/).fill('Tablet lost at the distribution point.');
    await row.getByRole('button', {name: 'Revoke the device'}).click();
    await page.locator(`tr[data-device="${target.id}"]`).filter({hasText: 'revoked'}).waitFor();
    assert.equal(await page.locator(`tr[data-device="${target.id}"]`).getByRole('button', {name: 'Revoke'}).count(), 0);
    await assertAccessible(page, 'devices after revoke');

    const after = (await call(fixture, '/api/v1/devices', {token: admin})).body.devices;
    assert.equal(after.length, 3);
    assert.equal(after.find((d) => d.id === target.id).state, 'revoked');
    assert.equal(after.filter((d) => d.state === 'revoked').length, 1);
    guard.check();
});
