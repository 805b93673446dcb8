// Devices: an administrator sees the demo's two tablets with their last sync and operation counts,
// creates an enrollment code for a service point (shown as text and as a QR code that decodes to
// the same text; the code enrolls a device through the API) and revokes a tablet with a reason.
// A tablet enrolled at one service point sends signed operations routed to another: the row counts
// them as rejected, and its list shows each with the server's reason, as text.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createHash, generateKeyPairSync, randomBytes, randomUUID, sign} from 'node:crypto';
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
    assert.deepEqual(await page.locator('header nav a').allTextContents(), ['Devices', 'Delegations'],
        'an administrator sees devices and delegations only');
    const rows = page.locator('tr[data-device]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), before.length);
    // Both tablets of the demo synced; the second one's redemption was flagged (over-redemption).
    for (const d of before) {
        assert.ok(d.last_sync_at, `${d.name} synced`);
        assert.ok(d.operations_received > 0);
        const cells = page.locator(`tr[data-device="${d.id}"] td`);
        assert.equal(await cells.nth(5).locator('span').textContent(),
            `${d.operations_received} received, ${d.operations_flagged} flagged, ${d.operations_rejected} rejected`);
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

// --- a device that reaches outside its scope, signed as sync/PROTOCOL.md sections 2 and 3 say -----

// Keys sorted at every depth, no whitespace (the operations below hold only ASCII, integers, null).
function canonical(value) {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

const uuidBytes = (id) => Buffer.from(id.replaceAll('-', ''), 'hex');

// A tablet with an Ed25519 key: enrolled through the API, its operations chained and the batch signed.
class Tablet {
    constructor() {
        const {publicKey, privateKey} = generateKeyPairSync('ed25519');
        this.privateKey = privateKey;
        this.publicHex = Buffer.from(publicKey.export({format: 'jwk'}).x, 'base64url').toString('hex');
        this.seq = 0;
        this.tip = '0'.repeat(64);
    }
    next(fields) {
        const op = {device_id: this.id, device_seq: ++this.seq, prev_hash: this.tip, op_version: 1,
            base: {}, time_claim: {wall: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), boot_id: 'boot-1', monotonic_ms: this.seq * 1000},
            ...fields};
        op.hash = createHash('sha256').update(Buffer.concat([Buffer.from('spmis-op-v1\0'),
            Buffer.from(op.prev_hash, 'hex'), Buffer.from(canonical(op))])).digest('hex');
        this.tip = op.hash;
        return op;
    }
    pushBody(ops) {
        const last = ops[ops.length - 1];
        const seq = Buffer.alloc(8);
        seq.writeBigUInt64BE(BigInt(last.device_seq));
        const signed = Buffer.concat([Buffer.from('spmis-push-v1\0'), uuidBytes(this.id), seq, Buffer.from(last.hash, 'hex')]);
        return {protocol: 1, device_id: this.id, ops, signature: sign(null, signed, this.privateKey).toString('hex')};
    }
}

test('a tablet\'s operations outside its scope: counted, listed with the reason, as text', {timeout: TEST_TIMEOUT}, async () => {
    const admin = await tokenFor(fixture, 'admin');
    const points = (await call(fixture, '/api/v1/service-points', {token: await tokenFor(fixture, 'manager')})).body.service_points;
    assert.ok(points.length >= 2, 'the demo has two service points at least');
    const [home, elsewhere] = points;
    const code = await call(fixture, '/api/v1/devices/enrollment-codes', {method: 'POST', token: admin, body: {service_point_codes: [home.code]}});
    assert.equal(code.status, 201, JSON.stringify(code.body));
    const tablet = new Tablet();
    const enrolled = await call(fixture, '/api/v1/devices/enroll', {method: 'POST',
        body: {code: code.body.code, public_key: tablet.publicHex, name: 'Tablet <b>outside</b>'}});
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
    tablet.id = enrolled.body.device_id;
    // Two redemptions at a service point the tablet does not serve; the officer's name looks like markup.
    const officer = '<img src=x onerror=alert(1)>';
    const ops = [1, 2].map(() => tablet.next({op_type: 'redemption.record', record_kind: 'redemption', record_id: randomUUID(),
        routing: {service_point: elsewhere.id, program: null, cycle: null, household: null},
        payload: {entitlement_id: randomUUID(), quantity_milli: 1000, unit: 'basket'}, officer_id: officer}));
    const pushed = await call(fixture, '/api/v1/sync/push', {method: 'POST', body: tablet.pushBody(ops)});
    assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
    assert.deepEqual(pushed.body.results.map((r) => r.disposition), ['rejected', 'rejected']);
    const listed = (await call(fixture, `/api/v1/sync/operations?device=${tablet.id}`, {token: admin})).body;
    assert.equal(listed.operations.length, 2);
    assert.equal(listed.counts.rejected, 2);

    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'admin');
    await heading(page, 'Field devices');
    const row = page.locator(`tr[data-device="${tablet.id}"]`);
    await row.waitFor();
    assert.equal(await row.locator('td').nth(5).locator('span').textContent(), '2 received, 2 flagged, 2 rejected');
    await row.getByRole('button', {name: `Refused and flagged operations of Tablet <b>outside</b> (${tablet.id})`}).click();
    await page.getByRole('heading', {name: 'Refused and flagged operations of Tablet <b>outside</b>'}).waitFor();
    const rows = page.locator('table.device-operations tbody tr');
    await rows.nth(1).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.seq)), ['2', '1'], 'newest first');
    for (let i = 0; i < 2; ++i) {
        const cells = rows.nth(i).locator('td');
        assert.equal(await cells.nth(2).textContent(), 'redemption.record');
        assert.equal(await cells.nth(4).textContent(), officer, 'the officer shown as the characters sent');
        assert.equal(await cells.nth(6).textContent(), 'rejected');
        assert.equal(await cells.nth(7).textContent(), pushed.body.results[1 - i].reason);
    }
    assert.equal(await page.locator('section.device-operations img, section.device-operations b').count(), 0, 'no markup');
    assert.match(await page.locator('section.device-operations p.counts').textContent(), /^2 rejected/);
    await assertAccessible(page, 'device operations');
    await screenshot(page, 'device-operations');

    // Only the flagged ones: none for this tablet.
    await page.getByLabel('Disposition').selectOption('accepted_flagged');
    await page.getByRole('button', {name: 'Show', exact: true}).click();
    await page.getByText('No operation of this device matches.').waitFor();
    guard.check();
});
