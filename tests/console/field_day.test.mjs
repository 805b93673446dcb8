// A whole distribution day through the field officer's screen (`spmis-field ui`) in real Chromium,
// at a phone's size and a laptop's, against a real server: a new tablet enrolls and pulls through the
// screen's Sync, the officer opens the day's event and serves ten households found by a member's
// name (attendance and hand-out, each with its receipt), is refused over the balance and overrides
// with a reason, issues a credential and scans it through the camera; the server stops (its pid
// ended), the screen keeps working and serves three more households; the server comes back on the
// same data and port and the screen's Sync sends everything. The server's records then hold every
// hand-out and attendance of the screen exactly once, with the quantities and balances the screen
// showed. axe-core finds no serious or critical violation on any screen of the day.
// Then the screen and the command line, used in turns on one store, agree on the balance every turn.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {assertAccessible, call, launchBrowser, openPage, screenshot, SETUP_TIMEOUT, startFixture, tokenFor} from './harness.mjs';
import {enrolledTablet, fillSignIn, findOnScreen, imagePixels, launchCameraBrowser, milliOf, openBeneficiary,
    qrVideoOf, signIn, startScreen} from './field.mjs';

const DAY_TIMEOUT = 420000;
const TURNS_TIMEOUT = 180000;
const SYNC_WAIT_MS = 60000;
const ONLINE = 10;  // households served while the server can be reached
const OFFLINE = 3;  // and while it cannot
const VIEWPORTS = [{name: 'phone', width: 360, height: 740}, {name: 'laptop', width: 1280, height: 800}];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

let browser;
before(async () => { browser = await launchBrowser(); }, {timeout: SETUP_TIMEOUT});
after(async () => { await browser?.close(); });

// Every entitlement of the tablet that can be handed out today, one per household, with the name the
// officer searches: a member who is not the head when the household has one, whose name finds only
// that household. Read through the command line on the same store.
function households(cli) {
    const byEntitlement = new Map();
    for (const letter of LETTERS) {
        const found = cli(['--json', 'find', letter, '--limit', '1000']);
        assert.equal(found.status, 0, found.err);
        for (const e of found.json().results.flatMap((p) => p.entitlements)) {
            if (e.kind === 'in_kind' && !e.warning && e.estimate_milli > 0) byEntitlement.set(e.id, e);
        }
    }
    const out = [];
    for (const e of byEntitlement.values()) {
        const members = (e.household || []).filter((m) => m.kind !== 'head').map((m) => m.name);
        const candidates = [...new Set(members.length > 0 ? members : [e.beneficiary.name])].sort();
        const member = candidates.find((name) => {
            const people = cli(['--json', 'find', name, '--limit', '1000']).json().results;
            return people.length > 0 && people.every((p) => p.entitlements.some((x) => x.id === e.id));
        });
        if (member) out.push({household: e.beneficiary.id, entitlement: e.id, member, head: members.length === 0, estimate: e.estimate_milli});
    }
    // Households found by a member who is not the head first; the same order on every run.
    return out.sort((a, b) => (a.head - b.head) || a.entitlement.localeCompare(b.entitlement));
}

// Presses Sync now on the Sync screen and resolves with the round's figures.
async function syncOnScreen(page) {
    await page.getByRole('button', {name: 'Sync', exact: true}).click();
    await page.getByRole('button', {name: 'Sync now'}).click();
    const result = page.locator('#sync-result');
    await result.filter({hasText: /^Pushed/}).waitFor({timeout: SYNC_WAIT_MS});
    const [pushed, pulled, flagged, rejected] = (await result.textContent()).match(/\d+/g).map(Number);
    return {pushed, pulled, flagged, rejected};
}

const pendingOf = (cli) => cli(['--json', 'status']).json().pending;

// Hands out `quantity` (empty: all that is left) on the open Beneficiary view, with an override
// `reason` when given; resolves with the receipt {redemption, entitlement, quantity, left} (milli).
async function handOut(page, entitlement, {quantity = '', reason = ''} = {}) {
    const card = page.locator(`section[data-entitlement="${entitlement}"]`);
    await card.getByLabel('Quantity (empty: all that is left)').fill(quantity);
    await card.getByLabel('Reason for an override (only when the rules refuse)').fill(reason);
    await card.getByRole('button', {name: 'Hand out'}).click();
    await card.locator('.receipt p.small').waitFor();
    const text = await card.locator('.receipt p').first().textContent();
    const found = /^(.+) handed out to .+\. Left: (.+)\.$/.exec(text);
    assert.ok(found, `receipt "${text}"`);
    return {redemption: (await card.locator('.receipt p.small').textContent()).trim(), entitlement,
        quantity: milliOf(found[1]), left: milliOf(found[2])};
}

// Serves one household on the screen: found by its member's name, attendance, then a hand-out (one
// unit when more is left, else all). Resolves with the receipt and the registrant who attended.
async function serve(page, h, {accessible = null} = {}) {
    await openBeneficiary(page, h.member);
    assert.equal(await page.locator('#message').textContent(), '', 'no message left from before');
    await page.getByRole('button', {name: 'Record attendance'}).click();
    await page.locator('#message').filter({hasText: 'Attendance recorded.'}).waitFor();
    const receipt = await handOut(page, h.entitlement, {quantity: h.estimate > 1000 ? '1' : ''});
    assert.equal(receipt.quantity, h.estimate > 1000 ? 1000 : h.estimate);
    assert.equal(receipt.left, h.estimate - receipt.quantity);
    if (accessible) await assertAccessible(page, `receipt ${accessible}`);
    return receipt;
}

// Issues a credential for `h` on the screen, checks its text on the Credential screen, then scans the
// QR code the screen showed through Chromium's fake camera, at the same viewport.
async function credentialDay(page, screen, h, viewport) {
    await openBeneficiary(page, h.member);
    await page.locator(`section[data-entitlement="${h.entitlement}"]`).getByRole('button', {name: 'Issue a credential'}).click();
    const qr = page.getByRole('img', {name: `QR code of the credential for ${h.member}`});
    await qr.waitFor();
    await assertAccessible(page, `issued credential at ${viewport.width}px`);
    const text = await page.locator('.credential-text').textContent();
    assert.match(text, /^SPP1:/);
    const pixels = await imagePixels(qr);
    await page.getByRole('button', {name: 'Credential', exact: true}).click();
    await page.getByLabel('Scanned text (SPP1:…)').fill(text);
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await page.locator('#verdict.good').filter({hasText: /^Valid: .* may be served\.$/}).waitFor();
    await assertAccessible(page, `credential verdict at ${viewport.width}px`);

    const work = mkdtempSync(join(tmpdir(), 'spmis-field-day-camera-'));
    let camera = null;
    try {
        const video = join(work, 'credential.y4m');
        qrVideoOf(pixels, video);
        camera = await launchCameraBrowser(video);
        const context = await camera.newContext({viewport, locale: 'en-US'});
        await context.grantPermissions(['camera'], {origin: screen.origin});
        const cameraPage = await context.newPage();
        await signIn(cameraPage, screen);
        await cameraPage.getByRole('button', {name: 'Credential', exact: true}).click();
        await cameraPage.getByRole('button', {name: 'Scan with the camera'}).click();
        await cameraPage.locator('#verdict.good').filter({hasText: /^Valid: .* may be served\.$/}).waitFor({timeout: SYNC_WAIT_MS});
    } finally {
        await camera?.close();
        rmSync(work, {recursive: true, force: true});
    }
}

// What the server holds from `device` for the served households, through the registrant benefits
// route as central staff: {redemptions, attendance, remaining (milli by entitlement)}.
async function serverRecords(fixture, device, served) {
    const token = await tokenFor(fixture, 'manager');
    const out = {redemptions: [], attendance: [], remaining: new Map()};
    for (const h of served) {
        const answer = await call(fixture, `/api/v1/registrants/${h.household}/benefits`, {token});
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        out.redemptions.push(...answer.body.redemptions.filter((r) => r.device_id === device));
        out.attendance.push(...answer.body.attendance.filter((a) => a.device_id === device));
        out.remaining.set(h.entitlement, answer.body.entitlements.find((e) => e.id === h.entitlement).remaining_milli);
    }
    return out;
}

const byId = (a, b) => a.redemption.localeCompare(b.redemption);

for (const viewport of VIEWPORTS) {
    test(`a distribution day through the screen on a ${viewport.name} (${viewport.width}x${viewport.height}), online and offline, matches the server`,
        {timeout: DAY_TIMEOUT}, async () => {
            const fixture = await startFixture();
            const tablet = await enrolledTablet(fixture, {sync: false});
            const screen = await startScreen(tablet.home);
            const context = await browser.newContext({viewport, locale: 'en-US'});
            try {
                const {page, guard} = await openPage(browser, {url: screen.origin}, {context});
                const at = `at ${viewport.width}px`;
                await page.goto(screen.url);
                await page.getByRole('heading', {name: 'Sign in'}).waitFor();
                await assertAccessible(page, `sign in ${at}`);
                await fillSignIn(page);
                await assertAccessible(page, `today ${at}`);

                // The first pull, through the screen.
                const first = await syncOnScreen(page);
                assert.equal(first.pushed, 0);
                assert.ok(first.pulled > 0, 'the tablet pulled its beneficiaries');
                await assertAccessible(page, `sync ${at}`);
                const all = households(tablet.cli);
                assert.ok(all.length >= ONLINE + OFFLINE, `${all.length} households with something to hand out`);
                assert.equal(all[0].head, false, 'the first household is found by a member who is not its head');

                // The day's event, opened on Today, so attendance has an event.
                await page.getByRole('button', {name: 'Today'}).click();
                await page.getByRole('button', {name: 'Open this event'}).click();
                await page.getByRole('button', {name: 'Close the event'}).waitFor();
                await assertAccessible(page, `today with the open event ${at}`);
                await screenshot(page, `field-day-today-${viewport.name}`);

                // Ten households: the first one's screens checked by axe-core.
                await findOnScreen(page, all[0].member);
                await assertAccessible(page, `find with results ${at}`);
                await openBeneficiary(page, all[0].member);
                await assertAccessible(page, `beneficiary ${at}`);
                const receipts = [];
                const attended = [];
                for (const [i, h] of all.slice(0, ONLINE).entries()) {
                    receipts.push(await serve(page, h, {accessible: i === 0 ? at : null}));
                    attended.push(h);
                }

                // Over the balance: refused in the command line's words, nothing recorded; then the
                // override with a reason.
                const over = all[0];
                const pendingBefore = pendingOf(tablet.cli);
                await openBeneficiary(page, over.member);
                const left = receipts[0].left;
                const card = page.locator(`section[data-entitlement="${over.entitlement}"]`);
                await card.getByLabel('Quantity (empty: all that is left)').fill(String((left + 1000) / 1000));
                await card.getByRole('button', {name: 'Hand out'}).click();
                await page.locator('#message.error').filter({hasText: /^Refused: .*would exceed the estimated balance/}).waitFor();
                assert.equal(await card.locator('.receipt').textContent(), '', 'no receipt for a refusal');
                assert.equal(pendingOf(tablet.cli), pendingBefore, 'a refusal records nothing');
                await assertAccessible(page, `refusal ${at}`);
                const overridden = await handOut(page, over.entitlement,
                    {quantity: String((left + 1000) / 1000), reason: 'household of nine, second basket approved by the chief'});
                assert.equal(overridden.quantity, left + 1000);
                assert.equal(overridden.left, -1000);
                receipts.push(overridden);

                await credentialDay(page, screen, all[ONLINE], viewport);
                const midday = await syncOnScreen(page);
                assert.equal(midday.rejected, 0);
                assert.equal(pendingOf(tablet.cli), 0);

                // The server goes away: its process ended by its pid.
                const pid = fixture.pid;
                await fixture.stopServer();
                assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the server process is gone');
                await page.getByRole('button', {name: 'Sync', exact: true}).click();
                await page.getByRole('button', {name: 'Sync now'}).click();
                await page.locator('#message.error').filter({hasText: /^Refused: /}).waitFor({timeout: SYNC_WAIT_MS});
                for (const h of all.slice(ONLINE, ONLINE + OFFLINE)) {
                    receipts.push(await serve(page, h));
                    attended.push(h);
                }
                const offline = pendingOf(tablet.cli);
                assert.equal(offline, 2 * OFFLINE, 'each offline household: one attendance, one hand-out, waiting');
                await page.getByRole('button', {name: 'Today'}).click();
                await page.locator('.row', {hasText: 'Operations waiting to sync'}).locator('span').nth(1)
                    .filter({hasText: new RegExp(`^${offline}$`)}).waitFor();

                // Back on the same data and port; the screen's Sync sends what waited.
                await fixture.restartServer();
                const back = await syncOnScreen(page);
                assert.equal(back.pushed, offline);
                assert.equal(back.rejected, 0);
                assert.equal(pendingOf(tablet.cli), 0);
                await assertAccessible(page, `sync after the outage ${at}`);
                await screenshot(page, `field-day-sync-${viewport.name}`);
                guard.check();

                // The server's records against the screen's receipts: every hand-out once, same quantities.
                const device = tablet.cli(['--json', 'status']).json().device_id;
                const served = all.slice(0, ONLINE + OFFLINE);
                const records = await serverRecords(fixture, device, served);
                assert.deepEqual(
                    records.redemptions.map((r) => ({redemption: r.id, entitlement: r.entitlement_id, quantity: r.quantity_milli, voided: r.voided})).sort(byId),
                    receipts.map((r) => ({redemption: r.redemption, entitlement: r.entitlement, quantity: r.quantity, voided: false})).sort(byId));
                assert.deepEqual(records.attendance.map((a) => a.registrant_id).sort(),
                    attended.map((h) => registrantOf(tablet.cli, h)).sort());
                for (const r of receipts) {
                    const last = receipts.filter((x) => x.entitlement === r.entitlement).at(-1);
                    assert.equal(records.remaining.get(r.entitlement), last.left, `the server's balance of ${r.entitlement}`);
                }
            } finally {
                await context.close();
                await screen.stop();
                tablet.remove();
                await fixture.stop();
            }
        });
}

// The registrant the screen shows for `h.member` (whose attendance the screen records).
function registrantOf(cli, h) {
    const people = cli(['--json', 'find', h.member, '--limit', '1000']).json().results;
    return people.find((p) => p.name === h.member).registrant_id;
}

test('the screen and the command line agree on the balance, used in turns on one store', {timeout: TURNS_TIMEOUT}, async () => {
    const fixture = await startFixture();
    const tablet = await enrolledTablet(fixture);
    const screen = await startScreen(tablet.home);
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: 'en-US'});
    try {
        const {page, guard} = await openPage(browser, {url: screen.origin}, {context});
        await signIn(page, screen);
        const h = households(tablet.cli).find((x) => x.estimate >= 2000);
        assert.ok(h, 'a household with two units or more');
        const step = 250;
        for (let turn = 1; turn <= 6; ++turn) {
            if (turn % 2 === 1) {
                await openBeneficiary(page, h.member);
                const receipt = await handOut(page, h.entitlement, {quantity: String(step / 1000)});
                assert.equal(receipt.quantity, step);
            } else {
                const redeemed = tablet.cli(['--json', 'redeem', '--entitlement', h.entitlement, '--quantity', String(step / 1000)]);
                assert.equal(redeemed.status, 0, redeemed.err);
            }
            const seen = tablet.cli(['--json', 'find', h.member]).json().results
                .flatMap((p) => p.entitlements).find((e) => e.id === h.entitlement);
            assert.equal(seen.estimate_milli, h.estimate - turn * step, `turn ${turn}: the command line's balance`);
            await openBeneficiary(page, h.member);
            const balance = page.locator(`section[data-entitlement="${h.entitlement}"] .balance`);
            assert.equal(await balance.textContent(), `${seen.remaining_text} of ${seen.grant_text} left`, `turn ${turn}: the screen's balance`);
        }
        guard.check();
    } finally {
        await context.close();
        await screen.stop();
        tablet.remove();
        await fixture.stop();
    }
});
