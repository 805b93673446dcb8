// The field officer's screen (`spmis-field ui`) in real Chromium, on a tablet enrolled at a demo
// service point of a real server: sign in with a PIN, find a beneficiary by a member's name, hand
// out part of an entitlement, be refused over the balance and override with a reason, sync, and
// compare with the command line on the same store and with the server. No request leaves
// 127.0.0.1, a call without the page's secret is refused, names stay text, and axe-core finds no
// serious or critical violation, at a phone's width and a laptop's.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {assertAccessible, binaries, call, launchBrowser, SETUP_TIMEOUT, startFixture, TEST_TIMEOUT, tokenFor} from './harness.mjs';
import {launchCameraBrowser, qrVideo} from './field.mjs';

const OFFICER = 'Officer Awa';
const PIN = '2468';
let fixture;
let browser;
let home;
let screenProcess;
let screenUrl;

function childEnv() {
    const env = {...process.env};
    if (!env.SPMIS_CLOCK && env.SPMIS_TEST_CLOCK) env.SPMIS_CLOCK = env.SPMIS_TEST_CLOCK;
    return env;
}

function field(args, input) {
    const r = spawnSync(binaries().field, ['--home', home, ...args], {env: childEnv(), input, encoding: 'utf8', timeout: 120000});
    return {status: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').pop())};
}

function startScreen(extra = ['--sync-every', '0'], keep = (child) => { screenProcess = child; }) {
    return new Promise((resolve, reject) => {
        const child = spawn(binaries().field, ['--home', home, 'ui', '--no-open', ...extra], {env: childEnv(), stdio: ['ignore', 'pipe', 'pipe']});
        keep(child);  // stopped by after() (or the test) whatever happens next
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`spmis-field ui did not start:\n${err}`)), 30000);
        child.stdout.on('data', (d) => {
            out += d;
            const found = out.match(/(http:\/\/127\.0\.0\.1:\d+)\/#k=([0-9a-f]{64})/);
            if (found) {
                clearTimeout(timer);
                resolve({child, origin: found[1], url: found[0]});
            }
        });
        child.stderr.on('data', (d) => { err += d; });
        child.once('exit', (code) => reject(new Error(`spmis-field ui exited (${code}):\n${err}`)));
    });
}

before(async () => {
    fixture = await startFixture();
    browser = await launchBrowser();
    home = mkdtempSync(join(tmpdir(), 'spmis-field-screen-'));
    const admin = await tokenFor(fixture, 'admin');
    const points = (await call(fixture, '/api/v1/service-points', {token: await tokenFor(fixture, 'manager')})).body.service_points;
    const code = await call(fixture, '/api/v1/devices/enrollment-codes', {method: 'POST', token: admin,
        body: {service_point_codes: points.map((p) => p.code)}});
    assert.equal(code.status, 201, JSON.stringify(code.body));
    assert.equal(field(['init', '--officer', OFFICER]).status, 0);
    const enrolled = field(['enroll', '--server', fixture.url, '--code', code.body.code]);
    assert.equal(enrolled.status, 0, enrolled.err);
    const synced = field(['sync']);
    assert.equal(synced.status, 0, synced.err);
    assert.equal(field(['officer', 'pin', OFFICER], `${PIN}\n`).status, 0);
    screenUrl = await startScreen();
}, {timeout: SETUP_TIMEOUT});

after(async () => {
    if (screenProcess && screenProcess.exitCode === null) {
        const exited = new Promise((r) => screenProcess.once('exit', r));
        screenProcess.kill('SIGTERM');
        await exited;
    }
    await browser?.close();
    await fixture?.stop();
    if (home) rmSync(home, {recursive: true, force: true});
});

// A beneficiary on the tablet with an approved in-kind entitlement that has something left to hand
// out today, found through the command line on the same store, and the name of another household
// member (when the household has one) to search by.
function pickBeneficiary() {
    const everyone = field(['--json', 'find', 'a', '--limit', '200']).json().results;
    for (const person of everyone) {
        const e = person.entitlements.find((x) => x.kind === 'in_kind' && !x.warning && x.estimate_milli >= 2);
        if (e) return {person, entitlement: e};
    }
    throw new Error('no beneficiary with something left to hand out on the tablet');
}

test('a distribution through the screen agrees with the command line and the server', {timeout: TEST_TIMEOUT}, async () => {
    const {person, entitlement} = pickBeneficiary();
    for (const viewport of [{width: 360, height: 780}, {width: 1280, height: 900}]) {
        const context = await browser.newContext({viewport, locale: 'en-US'});
        const page = await context.newPage();
        const offsite = [];
        const errors = [];
        page.on('request', (r) => { if (new URL(r.url()).origin !== screenUrl.origin) offsite.push(r.url()); });
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push(m.text()); });
        await page.goto(screenUrl.url);
        await page.getByRole('heading', {name: 'Sign in'}).waitFor();
        await assertAccessible(page, `sign in at ${viewport.width}px`);
        // A wrong PIN is refused and the officer stays on the sign-in screen.
        await page.getByLabel('Your name').fill(OFFICER);
        await page.getByLabel('PIN').fill('0000');
        await page.getByRole('button', {name: 'Sign in'}).click();
        await page.getByText(/unknown officer or wrong PIN/).waitFor();
        await page.getByLabel('PIN').fill(PIN);
        await page.getByRole('button', {name: 'Sign in'}).click();
        await page.getByRole('heading', {name: 'Today'}).waitFor();
        await assertAccessible(page, `today at ${viewport.width}px`);
        assert.deepEqual(offsite, []);
        assert.deepEqual(errors, []);
        await context.close();
    }

    const context = await browser.newContext({viewport: {width: 1280, height: 900}, locale: 'en-US'});
    const page = await context.newPage();
    await page.goto(screenUrl.url);
    await page.getByLabel('Your name').fill(OFFICER);
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {name: 'Today'}).waitFor();
    await page.getByRole('button', {name: 'Find'}).click();
    await page.getByLabel('Name, national id or scanned credential').fill(person.name);
    await page.getByRole('button', {name: 'Search'}).click();
    await page.getByRole('button', {name: new RegExp(person.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}).first().click();
    await page.getByRole('heading', {level: 1, name: person.name}).waitFor();
    await assertAccessible(page, 'beneficiary');
    const card = page.locator(`section[data-entitlement="${entitlement.id}"]`);
    assert.equal(await card.locator('.balance').textContent(), `${entitlement.remaining_text} of ${entitlement.grant_text} left`);

    // Part of it, then more than is left: refused with the command line's words; then the override.
    const half = Math.floor(entitlement.estimate_milli / 2);
    await card.getByLabel('Quantity (empty: all that is left)').fill(String(half / 1000));
    await card.getByRole('button', {name: 'Hand out'}).click();
    await card.locator('.receipt').getByText(/handed out to/).waitFor();
    const afterOne = field(['--json', 'find', person.name]).json().results
        .flatMap((p) => p.entitlements).find((e) => e.id === entitlement.id);
    assert.equal(afterOne.estimate_milli, entitlement.estimate_milli - half, 'the command line sees the screen\'s hand-out');
    await card.getByLabel('Quantity (empty: all that is left)').fill(String(entitlement.estimate_milli / 1000 + 5));
    await card.getByRole('button', {name: 'Hand out'}).click();
    await page.getByText(/Refused: .*would exceed the estimated balance/).waitFor();
    await card.getByLabel('Reason for an override (only when the rules refuse)').fill('second basket for a household of nine');
    await card.getByRole('button', {name: 'Hand out'}).click();
    await card.locator('.receipt').getByText(/handed out to/).waitFor();

    // Sync through the screen: the server holds both hand-outs, each once, the override flagged.
    await page.getByRole('button', {name: 'Sync'}).click();
    await page.getByRole('button', {name: 'Sync now'}).click();
    await page.getByText(/^Pushed 2, pulled/).waitFor({timeout: 60000});
    const status = field(['--json', 'status']).json();
    assert.equal(status.pending, 0);
    // Today shows what the command line's status says was served and handed out.
    await page.getByRole('button', {name: 'Today'}).click();
    await page.getByRole('heading', {name: 'Today'}).waitFor();
    const served = page.locator('.row', {hasText: 'Beneficiaries served'});
    assert.equal(await served.locator('span').nth(1).textContent(),
        `${status.distribution.served} of ${status.distribution.beneficiaries}`);
    assert.ok(status.distribution.served >= 1);
    const handed = page.locator('.row', {hasText: 'Handed out'});
    assert.equal(await handed.locator('span').nth(1).textContent(), status.distribution.handed_out.map((h) => h.text).join(', '));
    const ops = (await call(fixture, `/api/v1/sync/operations?device=${status.device_id}`, {token: await tokenFor(fixture, 'admin')})).body;
    assert.equal(ops.operations.filter((o) => o.op_type === 'redemption.record').length, 1, 'the override is flagged, once');
    await context.close();
});

test('the local API answers only its own page', {timeout: TEST_TIMEOUT}, async () => {
    const noSecret = await fetch(`${screenUrl.origin}/local/status`, {method: 'POST', body: '{}'});
    assert.equal(noSecret.status, 403);
    const secret = screenUrl.url.split('#k=')[1];
    const noToken = await fetch(`${screenUrl.origin}/local/status`, {method: 'POST', body: '{}', headers: {'X-Spmis-Secret': secret}});
    assert.equal(noToken.status, 401);
    const signin = await fetch(`${screenUrl.origin}/local/signin`, {method: 'POST', headers: {'X-Spmis-Secret': secret},
        body: JSON.stringify({officer: OFFICER, pin: PIN})});
    assert.equal(signin.status, 200);
    const {token} = await signin.json();
    const unknown = await fetch(`${screenUrl.origin}/local/init`, {method: 'POST', body: '{}',
        headers: {'X-Spmis-Secret': secret, Authorization: `Bearer ${token}`}});
    assert.equal(unknown.status, 404, 'only the screen\'s actions run, not every command');
});

test('a credential issued on the screen, then scanned through the camera', {timeout: TEST_TIMEOUT}, async () => {
    const {person, entitlement} = pickBeneficiary();
    const context = await browser.newContext({viewport: {width: 1280, height: 900}, locale: 'en-US'});
    const page = await context.newPage();
    await page.goto(screenUrl.url);
    await page.getByLabel('Your name').fill(OFFICER);
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {name: 'Today'}).waitFor();
    await page.getByRole('button', {name: 'Find'}).click();
    await page.getByLabel('Name, national id or scanned credential').fill(person.name);
    await page.getByRole('button', {name: 'Search'}).click();
    await page.getByRole('button', {name: new RegExp(person.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}).first().click();
    await page.locator(`section[data-entitlement="${entitlement.id}"]`).getByRole('button', {name: 'Issue a credential'}).click();
    await page.getByRole('img', {name: `QR code of the credential for ${person.name}`}).waitFor();
    await assertAccessible(page, 'issued credential');
    const issued = await page.locator('.credential-text').textContent();
    assert.match(issued, /^SPP1:/);
    // The text shown is a credential the command line accepts.
    const checked = field(['--json', 'credential', 'verify', issued]);
    assert.equal(checked.status, 0, checked.out);
    assert.equal(checked.json().code, 'OK');
    // Typed or pasted text gets the verdict in plain words.
    await page.getByRole('button', {name: 'Credential', exact: true}).click();
    await page.getByLabel('Scanned text (SPP1:…)').fill(issued);
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await page.getByText(/^Valid: .* may be served\.$/).waitFor();
    await page.getByLabel('Scanned text (SPP1:…)').fill('SPP1:NOT-A-CREDENTIAL');
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await page.locator('#verdict.bad').waitFor();
    await context.close();

    // The camera: Chromium's fake device plays a video of a credential the device issued (a PNG
    // from the command line); the page sends frames to the device, which decodes them with zbar.
    const work = mkdtempSync(join(tmpdir(), 'spmis-field-camera-'));
    try {
        const png = join(work, 'credential.png');
        assert.equal(field(['credential', 'issue', '--entitlement', entitlement.id, '--png', png]).status, 0);
        const video = join(work, 'credential.y4m');
        qrVideo(png, video);
        const cameraBrowser = await launchCameraBrowser(video);
        try {
            const cameraContext = await cameraBrowser.newContext({viewport: {width: 360, height: 780}, locale: 'en-US'});
            await cameraContext.grantPermissions(['camera'], {origin: screenUrl.origin});
            const cameraPage = await cameraContext.newPage();
            await cameraPage.goto(screenUrl.url);
            await cameraPage.getByLabel('Your name').fill(OFFICER);
            await cameraPage.getByLabel('PIN').fill(PIN);
            await cameraPage.getByRole('button', {name: 'Sign in'}).click();
            await cameraPage.getByRole('heading', {name: 'Today'}).waitFor();
            await cameraPage.getByRole('button', {name: 'Credential', exact: true}).click();
            await cameraPage.getByRole('button', {name: 'Scan with the camera'}).click();
            await cameraPage.getByText(/^Valid: .* may be served\.$/).waitFor({timeout: 60000});
        } finally {
            await cameraBrowser.close();
        }
    } finally {
        rmSync(work, {recursive: true, force: true});
    }
});

test('the screen syncs in the background when the server can be reached', {timeout: TEST_TIMEOUT}, async () => {
    const {entitlement} = pickBeneficiary();
    let child = null;
    try {
        await startScreen(['--sync-every', '1'], (c) => { child = c; });
        const redeemed = field(['redeem', '--entitlement', entitlement.id, '--quantity', '0.001']);
        assert.equal(redeemed.status, 0, redeemed.err);
        let pending = field(['--json', 'status']).json().pending;
        for (let i = 0; i < 60 && pending > 0; ++i) {
            await new Promise((r) => setTimeout(r, 500));
            pending = field(['--json', 'status']).json().pending;
        }
        assert.equal(pending, 0, 'the hand-out left the device without anyone pressing Sync');
    } finally {
        if (child && child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
        }
    }
});
