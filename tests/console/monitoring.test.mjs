// Monitoring: for every demo program, every figure of GET /api/v1/monitoring/programs/{id} is on
// the page, written as the page says it writes it (data-format), and the CSV download is the
// API's CSV byte for byte.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {assertAccessible, call, consoleUrl, launchBrowser, login, openPage, screenshot, startFixture, tokenFor, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

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

// The page's formats, written independently: English numbers, percentages with one decimal,
// minor units as money with two decimals (the server's convention), thousandths as units.
function format(value, how) {
    const en = (v, o) => new Intl.NumberFormat('en-US', o).format(v);
    if (how === 'percent') return en(value, {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
    if (how === 'milli') return en(value / 1000);
    if (how.startsWith('money')) {
        const currency = how.split(':')[1];
        const o = {minimumFractionDigits: 2, maximumFractionDigits: 2};
        return en(value / 100, currency ? {...o, style: 'currency', currency} : o);
    }
    return en(value);
}

// Paths of every number in the figures, as the page names them ("cycles/0/payments/paid"); a
// cycle's sequence is its label, not a figure.
function numericPaths(value, path = []) {
    if (typeof value === 'number') return path.at(-1) === 'sequence' ? [] : [path.join('/')];
    if (value && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) => numericPaths(v, [...path, k]));
    }
    return [];
}

const at = (figures, path) => path.split('/').reduce((v, k) => v[k], figures);

test('every program: the page shows every figure of the API, and the CSV is the API\'s', {timeout: TEST_TIMEOUT}, async () => {
    const token = await tokenFor(fixture, 'manager');
    const {programs} = (await call(fixture, '/api/v1/programs', {token})).body;
    assert.ok(programs.length >= 6, 'the demo programs');
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager');
    for (const program of programs) {
        const figures = (await call(fixture, `/api/v1/monitoring/programs/${program.id}`, {token})).body;
        await page.goto(consoleUrl(fixture, `#/monitoring?program=${program.id}`));
        await page.locator('[data-figure="coverage/eligible"]').waitFor();
        assert.equal(await page.getByLabel('Program').inputValue(), program.id);
        const shown = await page.locator('[data-figure]').evaluateAll((nodes) =>
            nodes.map((n) => ({path: n.dataset.figure, format: n.dataset.format, text: n.textContent})));
        assert.deepEqual(shown.map((s) => s.path).sort(), numericPaths(figures).sort(), `${program.code}: every figure shown`);
        for (const {path, format: how, text} of shown) {
            assert.equal(text, format(at(figures, path), how), `${program.code} ${path}`);
        }
        if (program.code === 'FOOD_BASKET') {
            assert.ok(figures.service_points.length > 0, 'the food basket is handed out at service points');
            assert.ok(await page.locator('canvas[role="img"]').count() >= 2, 'charts drawn');
            await assertAccessible(page, 'monitoring');
            await screenshot(page, 'monitoring');
            const download = page.waitForEvent('download');
            await page.getByRole('button', {name: 'Download CSV'}).click();
            const file = await download;
            const csv = await call(fixture, `/api/v1/monitoring/programs/${program.id}?format=csv`, {token});
            assert.equal(csv.status, 200);
            assert.equal(await readFile(await file.path(), 'utf8'), csv.body);
            assert.equal(file.suggestedFilename(), 'monitoring-FOOD_BASKET.csv');
        }
    }
    guard.check();
});
