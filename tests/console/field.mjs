// Helpers of the field officer's screen tests (`spmis-field ui` in Chromium): a tablet enrolled at
// the demo's service points, the command line on its store, the screen started and stopped by its
// pid, signing in and finding on the screen, and Chromium's fake camera playing a QR code.

import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {inflateSync} from 'node:zlib';
import assert from 'node:assert/strict';
import {chromium} from 'playwright-core';
import {atExit, binaries, call, tokenFor} from './harness.mjs';

export const OFFICER = 'Officer Awa';
export const PIN = '2468';
const SCREEN_START_MS = 30000;
const CLI_MS = 120000;

function childEnv() {
    const env = {...process.env};
    if (!env.SPMIS_CLOCK && env.SPMIS_TEST_CLOCK) env.SPMIS_CLOCK = env.SPMIS_TEST_CLOCK;
    return env;
}

// spmis-field: SPMIS_FIELD (a benchmark sets only this one), else the harness's binaries.
function fieldBinary() {
    return process.env.SPMIS_FIELD ? resolve(process.env.SPMIS_FIELD) : binaries().field;
}

// The command line on the store in `home`: cli(args, input) → {status, out, err, json()}.
export function fieldCli(home) {
    return (args, input) => {
        const r = spawnSync(fieldBinary(), ['--home', home, ...args], {env: childEnv(), input, encoding: 'utf8', timeout: CLI_MS});
        return {status: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').pop())};
    };
}

// A tablet in a new folder, enrolled at every service point of the fixture's server, with OFFICER's
// PIN set; nothing pulled yet unless `sync`. Returns {home, cli, remove}.
export async function enrolledTablet(fixture, {sync = true} = {}) {
    const home = mkdtempSync(join(tmpdir(), 'spmis-field-screen-'));
    const remove = () => rmSync(home, {recursive: true, force: true});
    const forget = atExit(remove);
    const cli = fieldCli(home);
    const admin = await tokenFor(fixture, 'admin');
    const points = (await call(fixture, '/api/v1/service-points', {token: await tokenFor(fixture, 'manager')})).body.service_points;
    const code = await call(fixture, '/api/v1/devices/enrollment-codes', {method: 'POST', token: admin,
        body: {service_point_codes: points.map((p) => p.code)}});
    assert.equal(code.status, 201, JSON.stringify(code.body));
    assert.equal(cli(['init', '--officer', OFFICER]).status, 0);
    const enrolled = cli(['enroll', '--server', fixture.url, '--code', code.body.code]);
    assert.equal(enrolled.status, 0, enrolled.err);
    if (sync) {
        const synced = cli(['sync']);
        assert.equal(synced.status, 0, synced.err);
    }
    assert.equal(cli(['officer', 'pin', OFFICER], `${PIN}\n`).status, 0);
    return {home, cli, remove: () => { forget(); remove(); }};
}

// Starts `spmis-field ui` on `home` and resolves with {child, origin, url, stop} once it prints its
// address; stop() ends it by its pid (SIGTERM, then SIGKILL after 5 s), as does the end of this process.
export function startScreen(home, extra = ['--sync-every', '0']) {
    const child = spawn(fieldBinary(), ['--home', home, 'ui', '--no-open', ...extra], {env: childEnv(), stdio: ['ignore', 'pipe', 'pipe']});
    const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
    const forget = atExit(kill);
    const stop = async () => {
        forget();
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const grace = setTimeout(kill, 5000);
        await exited;
        clearTimeout(grace);
    };
    return new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => { kill(); reject(new Error(`spmis-field ui did not start:\n${err}`)); }, SCREEN_START_MS);
        child.stdout.on('data', (d) => {
            out += d;
            const found = out.match(/(http:\/\/127\.0\.0\.1:\d+)\/#k=([0-9a-f]{64})/);
            if (found) {
                clearTimeout(timer);
                resolve({child, origin: found[1], url: found[0], stop});
            }
        });
        child.stderr.on('data', (d) => { err += d; });
        child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`spmis-field ui exited (${code}):\n${err}`)); });
    });
}

export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Signs OFFICER in on a fresh page of the screen and waits for Today.
export async function signIn(page, screen) {
    await page.goto(screen.url);
    await fillSignIn(page);
}

// Signs OFFICER in on the sign-in screen shown and waits for Today.
export async function fillSignIn(page) {
    await page.getByLabel('Your name').fill(OFFICER);
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {name: 'Today'}).waitFor();
}

// Finds `name` on the Find screen; resolves when the results are listed.
export async function findOnScreen(page, name) {
    await page.getByRole('button', {name: 'Find', exact: true}).click();
    await page.getByLabel('Name, national id or scanned credential').fill(name);
    await page.getByRole('button', {name: 'Search'}).click();
    await page.locator('#results button.person, #results p').first().waitFor();
}

// Finds `name` and opens the first result of that name: the Beneficiary view.
export async function openBeneficiary(page, name) {
    await findOnScreen(page, name);
    await page.getByRole('button', {name: new RegExp(`^${escapeRegExp(name)}`)}).first().click();
    await page.getByRole('heading', {level: 1, name}).waitFor();
}

// Thousandths of a quantity written by the screen or the command line ("1.5 baskets" → 1500).
export function milliOf(text) {
    const found = /^(-?\d+(?:\.\d+)?)/.exec(text.trim());
    assert.ok(found, `no quantity in "${text}"`);
    return Math.round(Number(found[1]) * 1000);
}

// The grey pixels of an 8-bit greyscale PNG (what `credential issue --png` writes): chunks read,
// IDAT inflated, each row's filter undone.
export function greyPixels(png) {
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.equal(png[24], 8, 'bit depth');
    assert.equal(png[25], 0, 'greyscale');
    const parts = [];
    for (let at = 8; at < png.length;) {
        const length = png.readUInt32BE(at);
        const type = png.toString('latin1', at + 4, at + 8);
        if (type === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
        at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(parts));
    const out = Buffer.alloc(width * height);
    for (let y = 0; y < height; ++y) {
        const filter = raw[y * (width + 1)];
        for (let x = 0; x < width; ++x) {
            const v = raw[y * (width + 1) + 1 + x];
            const a = x > 0 ? out[y * width + x - 1] : 0;
            const b = y > 0 ? out[(y - 1) * width + x] : 0;
            const c = x > 0 && y > 0 ? out[(y - 1) * width + x - 1] : 0;
            const p = a + b - c;
            const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
                : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
            const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
            out[y * width + x] = (v + predictor) & 0xff;
        }
    }
    return {width, height, pixels: out};
}

// A two-second Y4M video (what Chromium's fake camera plays) showing grey pixels {width, height,
// pixels} (a QR code) on white paper.
export function qrVideoOf({width, height, pixels}, videoPath) {
    const W = 640;
    const H = 480;
    const scale = Math.max(1, Math.floor(440 / Math.max(width, height)));
    const left = Math.floor((W - width * scale) / 2);
    const top = Math.floor((H - height * scale) / 2);
    const luma = Buffer.alloc(W * H, 235);
    for (let y = 0; y < height * scale; ++y) {
        for (let x = 0; x < width * scale; ++x) {
            luma[(top + y) * W + left + x] = pixels[Math.floor(y / scale) * width + Math.floor(x / scale)] < 128 ? 16 : 235;
        }
    }
    const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
    const frames = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
    for (let i = 0; i < 20; ++i) frames.push(Buffer.from('FRAME\n'), luma, chroma);
    writeFileSync(videoPath, Buffer.concat(frames));
}

// The same video from a greyscale PNG file.
export function qrVideo(pngPath, videoPath) {
    qrVideoOf(greyPixels(readFileSync(pngPath)), videoPath);
}

// The QR code an <img> of the page shows, drawn on a canvas at `size` pixels: {width, height, pixels}.
export async function imagePixels(locator, size = 400) {
    const grey = await locator.evaluate(async (img, side) => {
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = side;
        canvas.height = side;
        const g = canvas.getContext('2d');
        g.fillStyle = '#fff';
        g.fillRect(0, 0, side, side);
        g.drawImage(img, 0, 0, side, side);
        const rgba = g.getImageData(0, 0, side, side).data;
        const out = [];
        for (let i = 0; i < rgba.length; i += 4) out.push(Math.round((rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3));
        return out;
    }, size);
    return {width: size, height: size, pixels: Buffer.from(grey)};
}

// Chromium whose camera plays `video` (a Y4M file), permission to use it already given.
export function launchCameraBrowser(video) {
    return chromium.launch({executablePath: process.env.SPMIS_CHROMIUM || '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]});
}
