// The web console in Chromium beside the API alone (issue 19, "Speed"): the reconciliation queue
// with many open cases and the registry search over a large registry, as the time from navigation
// to the first page of rows visible, next to the same API call made straight from node in the same
// run (STYLE.md habit 9). Medians of 5 after one warm-up each.
//
// Usage: node bench/console/bench_console.mjs [--server PATH]   (or SPMIS_SERVER=PATH)
// Environment:
//   SPMIS_BENCH_SIZE   smoke: 2,000 households and 300 open cases (for CI, well under 60 s);
//                      full: about 1,000,000 registrants (175,000 households) and 10,000 open cases,
//                      fewer households when this machine cannot generate them within 180 s (the
//                      output says so); anything else: 20,000 households and 1,000 cases.
//   SPMIS_BENCH_CONSOLE_HOUSEHOLDS  households to generate, overriding the size (no calibration)
//   SPMIS_BENCH_CONSOLE_PREFIX      the name prefix searched (default "amina", a common first name)
//   SPMIS_CHROMIUM                  the browser (default /usr/bin/chromium, as the console tests)
//
// Data: `spmis-server demo` in a temporary folder (removed at the end), open cases inserted with
// sqlite3 into spmis.db, a program_manager account `bench`; then `spmis-server serve` on
// 127.0.0.1:0, killed by its pid whatever happens.

import {spawn, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
// playwright-core is resolved by the harness from tests/console/node_modules.
import {PASSWORD, launchBrowser, login, openPage, tokenFor} from '../../tests/console/harness.mjs';

const REPS = 5;
const SIZE = process.env.SPMIS_BENCH_SIZE || '';
const FULL_REGISTRANTS = 1_000_000;
const REGISTRANTS_PER_HOUSEHOLD = 5.7;  // the head-of-household group plus 4.7 members on average
const FULL_BUDGET_S = 180;  // the longest data generation the full size accepts
const PREFIX = process.env.SPMIS_BENCH_CONSOLE_PREFIX || 'amina';
const QUEUE_ROWS = 'table.cases tbody tr[data-case]';  // screens/queue.js
const REGISTRY_ROWS = 'table.registrants tbody tr[data-registrant]';  // screens/registry.js
const GOAL_QUEUE_MS = 1000;
const GOAL_REGISTRY_MS = 300;

function serverPath() {
    const i = process.argv.indexOf('--server');
    const path = i > 0 ? process.argv[i + 1] : process.env.SPMIS_SERVER;
    if (!path) throw new Error('pass --server PATH or set SPMIS_SERVER to spmis-server');
    if (!existsSync(path)) throw new Error(`no spmis-server at ${path}`);
    return resolve(path);
}
const SERVER = serverPath();

function sizes() {
    if (SIZE === 'smoke') return {households: 2000, cases: 300};
    if (SIZE === 'full') return {households: Math.round(FULL_REGISTRANTS / REGISTRANTS_PER_HOUSEHOLD), cases: 10000, calibrate: true};
    return {households: 20000, cases: 1000};
}

function run(command, args, {input, timeout = 30 * 60 * 1000} = {}) {
    const result = spawnSync(command, args, {input, encoding: 'utf8', timeout, maxBuffer: 64 << 20});
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
}

const sql = (db, text) => run('sqlite3', ['-batch', db], {input: text}).trim();

// `spmis-server demo` into a fresh folder; returns the seconds it took.
function demo(dir, households) {
    rmSync(dir, {recursive: true, force: true});
    const start = performance.now();
    run(SERVER, ['demo', '--data', dir, '--households', String(households), '--seed', '42']);
    return (performance.now() - start) / 1000;
}

// Full size: 1,000,000 registrants when this machine generates them within the budget, else the
// most it does, estimated from the rate of a 10,000-household run.
function fullHouseholds(scratch, wanted) {
    const probe = 10000;
    const seconds = demo(scratch, probe);
    rmSync(scratch, {recursive: true, force: true});
    const estimate = (seconds * wanted) / probe;
    if (estimate <= FULL_BUDGET_S) return {households: wanted, note: ''};
    const households = Math.max(probe, Math.floor((FULL_BUDGET_S * probe) / seconds / 1000) * 1000);
    return {households, note: ` (1,000,000 registrants would take about ${estimate.toFixed(0)} s to generate here, ` +
        `over the ${FULL_BUDGET_S} s budget: ${households.toLocaleString('en-US')} households instead)`};
}

// 16 bytes of UUIDv7 as an SQLite blob literal: milliseconds, version 7, random, variant 10.
function uuidV7(ms) {
    const b = randomBytes(16);
    b.writeUIntBE(ms, 0, 6);
    b[6] = 0x70 | (b[6] & 0x0f);
    b[8] = 0x80 | (b[8] & 0x3f);
    return `X'${b.toString('hex')}'`;
}

// `count` open cases of every type over the last 30 days, at the demo's programs and service
// points, each linking two device operations (the two-tablet shape of a real conflict).
function insertCases(db, count) {
    const blobs = (table) => sql(db, `SELECT hex(id) FROM ${table} ORDER BY id;`).split('\n').filter(Boolean).map((h) => `X'${h}'`);
    const programs = blobs('programs');
    const points = blobs('service_points');
    const registrants = sql(db, 'SELECT hex(id) FROM registrants ORDER BY rowid LIMIT 5000;').split('\n').filter(Boolean).map((h) => `X'${h}'`);
    const devices = [uuidV7(Date.now() - 40 * 86400000), uuidV7(Date.now() - 40 * 86400000)];
    const types = ['over_redemption', 'entitlement_problem', 'membership_conflict', 'field_conflict', 'clock_skew'];
    const now = Date.now();
    const lines = ['BEGIN;'];
    for (let i = 0; i < count; ++i) {
        const ms = now - Math.floor(((count - i) / count) * 30 * 86400000);  // oldest first
        const id = uuidV7(ms);
        const type = types[i % types.length];
        const record = uuidV7(ms - 86400000);
        const micros = ms * 1000;
        const program = programs.length ? programs[i % programs.length] : 'NULL';
        const point = points.length ? points[i % points.length] : 'NULL';
        const subject = type === 'field_conflict' || type === 'membership_conflict'
            ? registrants[i % registrants.length] : record;
        lines.push(`INSERT INTO reconciliation_cases (id, type, key, status, summary, program_id, service_point_id, ` +
            `record_id, created_at, updated_at) VALUES (${id}, '${type}', 'bench:${type}:${i}', 'open', ` +
            `'bench case ${i}: ${type.replace('_', ' ')} seen by two tablets', ${program}, ${point}, ${subject}, ${micros}, ${micros});`);
        for (let d = 0; d < 2; ++d) {
            lines.push(`INSERT INTO case_links (case_id, record_id, device_id, device_seq) VALUES ` +
                `(${id}, ${uuidV7(ms - d)}, ${devices[d]}, ${i + 1});`);
        }
    }
    lines.push('COMMIT;');
    sql(db, lines.join('\n'));
}

// `spmis-server serve` on a free port; resolves with {url, child} once it prints its address.
function serve(dir) {
    const child = spawn(SERVER, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`spmis-server did not start within 60 s:\n${err}`)), 60000);
        child.stderr.on('data', (chunk) => { err += chunk; });
        child.stdout.on('data', (chunk) => {
            out += chunk;
            const found = /listening on (http:\/\/\S+)/.exec(out);
            if (!found) return;
            clearTimeout(timer);
            resolvePromise({url: found[1].replace(/\/$/, ''), child});
        });
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`spmis-server exited (${code ?? signal}) before listening:\n${err}`));
        });
        servers.add(child);
    });
}

const servers = new Set();
function killServers() {
    for (const child of servers) {
        if (child.exitCode === null && child.signalCode === null) {
            try {
                process.kill(child.pid, 'SIGKILL');
            } catch {
                // already gone
            }
        }
    }
    servers.clear();
}
process.on('exit', killServers);

const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The API call alone: request, whole body read and parsed. One warm-up, then REPS.
async function timeApi(url, path, token, check) {
    const once = async () => {
        const start = performance.now();
        const response = await fetch(url + path, {headers: {Authorization: `Bearer ${token}`}});
        const body = await response.json();
        const ms = performance.now() - start;
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
        check(body);
        return ms;
    };
    await once();
    const times = [];
    for (let i = 0; i < REPS; ++i) times.push(await once());
    return median(times);
}

// The console: from page.goto(address) (a full page load: the tab is on about:blank first, its
// sessionStorage still holding the token) until the first result row is visible; and the
// browser's first-contentful-paint of that load. One warm-up, then REPS.
async function timeConsole(page, address, rows) {
    const once = async () => {
        await page.goto('about:blank');
        const start = performance.now();
        await page.goto(address, {waitUntil: 'commit'});
        await page.locator(rows).first().waitFor({state: 'visible', timeout: 120000});
        const ms = performance.now() - start;
        const fcp = await page.evaluate(() =>
            performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN);
        if (await page.locator('header nav').count() === 0) throw new Error(`${address}: not logged in`);
        return {ms, fcp};
    };
    await once();
    const runs = [];
    for (let i = 0; i < REPS; ++i) runs.push(await once());
    return {ms: median(runs.map((r) => r.ms)), fcp: median(runs.map((r) => r.fcp))};
}

const n = (x) => x.toLocaleString('en-US');
const f = (ms) => ms.toFixed(0);

async function main() {
    const startAll = performance.now();
    const scratch = mkdtempSync(join(tmpdir(), 'spmis-bench-console-'));
    let browser;
    try {
        const dir = join(scratch, 'data');
        const size = sizes();
        let note = '';
        if (process.env.SPMIS_BENCH_CONSOLE_HOUSEHOLDS) {
            size.households = Number(process.env.SPMIS_BENCH_CONSOLE_HOUSEHOLDS);
        } else if (size.calibrate) {
            ({households: size.households, note} = fullHouseholds(dir, size.households));
        }
        const demoSeconds = demo(dir, size.households);
        const db = join(dir, 'spmis.db');
        const startCases = performance.now();
        insertCases(db, size.cases);
        const casesSeconds = (performance.now() - startCases) / 1000;
        run(SERVER, ['user', 'add', '--data', dir, '--username', 'bench', '--role', 'program_manager'], {input: `${PASSWORD}\n`});
        const registrants = Number(sql(db, 'SELECT count(*) FROM registrants;'));
        const open = Number(sql(db, "SELECT count(*) FROM reconciliation_cases WHERE status = 'open';"));
        const low = PREFIX.toLowerCase().replaceAll("'", "''");
        const matches = Number(sql(db, `SELECT count(*) FROM registrants WHERE search_name >= '${low}' ` +
            `AND search_name < '${low}' || CAST(X'FF' AS TEXT);`));
        if (matches === 0) throw new Error(`no registrant name starts with "${PREFIX}": set SPMIS_BENCH_CONSOLE_PREFIX`);
        console.log(`bench_console (${SIZE || 'default'}): ${n(size.households)} households, ${n(registrants)} registrants ` +
            `(demo data in ${demoSeconds.toFixed(1)} s)${note}; ${n(open)} open cases (inserted in ${casesSeconds.toFixed(1)} s); ` +
            `name prefix "${PREFIX}" matches ${n(matches)}; medians of ${REPS}`);

        const {url} = await serve(dir);
        const fixture = {url};
        const token = await tokenFor(fixture, 'bench');
        browser = await launchBrowser();
        const {page, guard} = await openPage(browser, fixture);
        await login(page, fixture, 'bench');

        const queuePath = '/api/v1/reconciliation?status=open&limit=50';
        const queueApi = await timeApi(url, queuePath, token, (body) => {
            if (body.cases.length !== Math.min(50, open)) throw new Error(`queue API gave ${body.cases.length} cases`);
        });
        const queue = await timeConsole(page, `${url}/console/#/queue`, QUEUE_ROWS);
        const queueShown = await page.locator(QUEUE_ROWS).count();

        const searchPath = `/api/v1/registrants?name=${encodeURIComponent(PREFIX)}&limit=50`;
        const searchApi = await timeApi(url, searchPath, token, (body) => {
            if (body.registrants.length !== Math.min(50, matches)) throw new Error(`registry API gave ${body.registrants.length} registrants`);
        });
        const search = await timeConsole(page, `${url}/console/#/registry?name=${encodeURIComponent(PREFIX)}`, REGISTRY_ROWS);
        const searchShown = await page.locator(REGISTRY_ROWS).count();
        guard.check();

        console.log(`console queue first page (${queueShown} rows of ${n(open)} open cases): ${f(queue.ms)} ms ` +
            `(first contentful paint ${f(queue.fcp)} ms); API alone: ${f(queueApi)} ms; ratio ${(queue.ms / queueApi).toFixed(1)} ` +
            `(goal < ${GOAL_QUEUE_MS} ms)`);
        console.log(`console registry search "${PREFIX}" (${searchShown} rows over ${n(registrants)} registrants): ${f(search.ms)} ms ` +
            `(first contentful paint ${f(search.fcp)} ms); API alone: ${f(searchApi)} ms; ratio ${(search.ms / searchApi).toFixed(1)} ` +
            `(goal < ${GOAL_REGISTRY_MS} ms)`);
        console.log(`bench_console total ${((performance.now() - startAll) / 1000).toFixed(1)} s`);
    } finally {
        if (browser) await browser.close().catch(() => {});
        killServers();
        rmSync(scratch, {recursive: true, force: true});
    }
}

main().catch((error) => {
    console.error(`bench_console: ${error.stack || error}`);
    process.exitCode = 1;
});
