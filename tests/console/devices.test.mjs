// Devices: an administrator sees the demo's two tablets with their last sync and operation counts,
// creates an enrollment code for a service point (shown as text and as a QR code that decodes to
// the same text; the code enrolls a device through the API) and revokes a tablet with a reason.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
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
    // Both tablets of the demo synced; the second one's redemption was flagged (over-redemption).
    for (const d of before) {
        assert.ok(d.last_sync_at, `${d.name} synced`);
        assert.ok(d.operations_received > 0);
        const cells = page.locator(`tr[data-device="${d.id}"] td`);
        assert.equal(await cells.nth(5).textContent(), `${d.operations_received} received, ${d.operations_flagged} flagged`);
        assert.notEqual(await cells.nth(4).textContent(), '—');
    }
    assert.ok(before.some((d) => d.operations_flagged > 0), 'a flagged operation');
    await assertAccessible(page, 'devices');
    await screenshot(page, 'devices');

    await page.getByLabel('Service point codes').fill(point.code);
    await page.getByRole('button', {name: 'Create the code'}).click();
    const code = page.locator('.enrollment-code');
    await code.waitFor();
    const text = (await code.textContent()).trim();
    assert.ok(text.length >= 6, `a code to type: ${text}`);
    // The QR image as the page shows it (from a blob: URL) is copied through a canvas at its own
    // size (the CSP would refuse fetching the blob), saved as PNG, and zbarimg reads the code back.
    const qr = page.locator('img.qr');
    assert.equal(await qr.getAttribute('alt'), `QR code of the enrollment code ${text}`);
    assert.match(await qr.getAttribute('src'), /^blob:/);
    const png = await qr.evaluate(async (img) => {
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        canvas.getContext('2d').drawImage(img, 0, 0);
        return canvas.toDataURL('image/png').split(',')[1];
    });
    const dir = mkdtempSync(join(tmpdir(), 'spmis-qr-'));
    try {
        writeFileSync(join(dir, 'code.png'), Buffer.from(png, 'base64'));
        const read = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'code.png')], {encoding: 'utf8'});
        assert.equal(read.status, 0, `zbarimg: ${read.stderr}`);
        assert.equal(read.stdout.trim(), text);
    } finally {
        rmSync(dir, {recursive: true, force: true});
    }
    await assertAccessible(page, 'devices with a code');
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
