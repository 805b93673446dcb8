// Test harness of the web console: demo data with the two-tablet over-redemption, staff accounts,
// a real spmis-server on 127.0.0.1 and a free port, and headless Chromium pages that fail the test
// on any request leaving the server's origin, any dialog, any script error or CSP refusal.
//
// Configuration (environment, set by run.mjs from its arguments):
//   SPMIS_SERVER, SPMIS_FIELD  the two binaries (required)
//   SPMIS_ROOT                 the repository (default: two folders up from this file)
//   SPMIS_CONSOLE_TEMPLATE     a data directory already built by buildData (run.mjs builds one
//                              for all test files; each test copies it, so tests stay independent)
//   SPMIS_SCREENSHOTS          where screenshots go (default: a temporary folder)
//   SPMIS_CLOCK                the clock of every process started (SPMIS_TEST_CLOCK maps to it)
//   SPMIS_CHROMIUM             the browser (default /usr/bin/chromium)

import {spawn, spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import assert from 'node:assert/strict';
import {chromium} from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(process.env.SPMIS_ROOT || join(here, '..', '..'));
export const PASSWORD = 'console-test-password';
// One account per role the tests play.
export const USERS = {
    manager: 'program_manager',
    manager2: 'program_manager',
    viewer: 'program_viewer',
    admin: 'administrator',
    auditor: 'auditor',
};
const SERVER_START_MS = 30000;
// Bounds of one test file's setup (demo data when no template, server, browser) and of one test.
export const SETUP_TIMEOUT = 600000;
export const TEST_TIMEOUT = 180000;
const DATA_BUILD_MS = 240000;

// The environment of every process started: the test clock passed on as SPMIS_CLOCK.
function childEnv() {
    const env = {...process.env};
    if (!env.SPMIS_CLOCK && env.SPMIS_TEST_CLOCK) env.SPMIS_CLOCK = env.SPMIS_TEST_CLOCK;
    return env;
}

export function binaries() {
    const server = process.env.SPMIS_SERVER;
    const field = process.env.SPMIS_FIELD;
    if (!server || !field) throw new Error('set SPMIS_SERVER and SPMIS_FIELD (or pass them to run.mjs)');
    return {server: resolve(server), field: resolve(field)};
}

function run(command, args, {input, timeout = DATA_BUILD_MS} = {}) {
    const result = spawnSync(command, args, {cwd: ROOT, env: childEnv(), input, encoding: 'utf8', timeout});
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
}

// Demo data (30 random households and the personas), the field story of deploy/demo-field.sh
// (one open over_redemption case linking two tablets) and one account per entry of USERS.
export function buildData(dir) {
    const {server, field} = binaries();
    run('bash', [join(ROOT, 'deploy/demo-data.sh'), server, dir, '30']);
    run('bash', [join(ROOT, 'deploy/demo-field.sh'), server, field, dir]);
    for (const [username, role] of Object.entries(USERS)) {
        run(server, ['user', 'add', '--data', dir, '--username', username, '--role', role], {input: `${PASSWORD}\n`});
    }
}

const cleanups = new Set();
function cleanupAll() {
    for (const fn of cleanups) {
        try {
            fn();
        } catch {
            // Cleaning up after a failure: keep going with the rest.
        }
    }
    cleanups.clear();
}
// Whatever ends this process (a failed assertion, the run's timeout, Ctrl-C), the server dies too.
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        cleanupAll();
        process.exit(1);
    });
}

// Runs `fn` when this process ends, whatever ends it (for processes a test starts itself); returns
// a function that forgets it again.
export function atExit(fn) {
    cleanups.add(fn);
    return () => cleanups.delete(fn);
}

// Starts `spmis-server serve` on `listen` (127.0.0.1 and a free port unless given) and resolves with
// its URL once it prints it.
function startServer(dir, listen = '127.0.0.1:0') {
    const {server} = binaries();
    const child = spawn(server, ['serve', '--data', dir, '--listen', listen],
        {cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe']});
    const kill = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    cleanups.add(kill);
    let out = '';
    let err = '';
    return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
            kill();
            reject(new Error(`spmis-server did not start within ${SERVER_START_MS} ms:\n${err}`));
        }, SERVER_START_MS);
        child.stderr.on('data', (chunk) => { err += chunk; });
        child.stdout.on('data', (chunk) => {
            out += chunk;
            const found = /listening on (http:\/\/[^\s]+)/.exec(out);
            if (!found) return;
            clearTimeout(timer);
            const stop = async () => {
                cleanups.delete(kill);
                if (child.exitCode !== null || child.signalCode !== null) return;
                const exited = new Promise((r) => child.once('exit', r));
                child.kill('SIGTERM');
                const grace = setTimeout(kill, 5000);
                await exited;
                clearTimeout(grace);
            };
            resolvePromise({url: found[1].replace(/\/$/, ''), pid: child.pid, stop, stderr: () => err});
        });
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`spmis-server exited (${code ?? signal}) before listening:\n${err}`));
        });
    });
}

// A private copy of the demo data and a server on it. Returns {url, dir, pid, stop, stopServer,
// restartServer}: stopServer ends the server (SIGTERM to its pid) and keeps its data, for a network
// outage; restartServer starts it again on the same data and port.
export async function startFixture() {
    const dir = mkdtempSync(join(tmpdir(), 'spmis-console-'));
    cleanups.add(() => rmSync(dir, {recursive: true, force: true}));
    const data = join(dir, 'data');
    if (process.env.SPMIS_CONSOLE_TEMPLATE) cpSync(process.env.SPMIS_CONSOLE_TEMPLATE, data, {recursive: true});
    else buildData(data);
    let server = await startServer(data);
    const fixture = {
        url: server.url,
        dir: data,
        pid: server.pid,
        stopServer: () => server.stop(),
        restartServer: async () => {
            server = await startServer(data, new URL(fixture.url).host);
            fixture.pid = server.pid;
        },
        stop: async () => {
            await server.stop();
            rmSync(dir, {recursive: true, force: true});
        },
    };
    return fixture;
}

// --- the API, from the test's side -------------------------------------------------------------

// fetch against the server; returns {status, headers, body (parsed JSON or text)}. `body` goes as
// JSON, `csv` (a string) as text/csv.
export async function call(fixture, path, {token, method = 'GET', body, csv, headers = {}} = {}) {
    const all = {...headers};
    if (token) all.Authorization = `Bearer ${token}`;
    if (body !== undefined) all['Content-Type'] = 'application/json';
    if (csv !== undefined) all['Content-Type'] = 'text/csv';
    const response = await fetch(fixture.url + path,
        {method, headers: all, body: csv ?? (body === undefined ? undefined : JSON.stringify(body))});
    const text = await response.text();
    let parsed = text;
    try {
        parsed = JSON.parse(text);
    } catch {
        // CSV and other text answers stay text.
    }
    return {status: response.status, headers: response.headers, body: parsed};
}

// Today by the server's clock (SPMIS_CLOCK when the suite runs on a test date), YYYY-MM-DD.
export function serverToday() {
    return run(binaries().server, ['today']).trim();
}

// Polls an enrollment job until it ends; returns the job.
export async function finishedJob(fixture, token, id) {
    for (let i = 0; i < 200; ++i) {
        const {job} = (await call(fixture, `/api/v1/jobs/${id}`, {token})).body;
        if (job.state === 'succeeded' || job.state === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${id} did not finish`);
}

export async function tokenFor(fixture, username) {
    const answer = await call(fixture, '/api/v1/auth/login', {method: 'POST', body: {username, password: PASSWORD}});
    assert.equal(answer.status, 200, `login of ${username}: ${JSON.stringify(answer.body)}`);
    return answer.body.token;
}

// --- the browser -------------------------------------------------------------------------------

export function launchBrowser() {
    return chromium.launch({
        executablePath: process.env.SPMIS_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox'],
        headless: true,
    });
}

// A new tab (own context, so own sessionStorage unless `context` is shared) watching what the page
// does. guard.check() asserts: no request to another origin, no dialog, no page error, no CSP refusal.
export async function openPage(browser, fixture, {context, locale = 'en-US'} = {}) {
    const ctx = context || await browser.newContext({locale, viewport: {width: 1280, height: 900}});
    const page = await ctx.newPage();
    const origin = new URL(fixture.url).origin;
    const guard = {offsite: [], dialogs: [], errors: []};
    page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol === 'data:') return;
        if (url.origin !== origin) guard.offsite.push(request.url());
    });
    page.on('dialog', async (dialog) => {
        guard.dialogs.push(dialog.message());
        await dialog.dismiss();
    });
    page.on('pageerror', (error) => guard.errors.push(`page error: ${error.message}`));
    page.on('console', (msg) => {
        // CSP refusals are reported on the console; an expected 4xx answer is logged as an error too.
        if (/Content Security Policy|Refused to/.test(msg.text())) guard.errors.push(`CSP: ${msg.text()}`);
    });
    guard.check = () => {
        assert.deepEqual(guard.offsite, [], 'requests left the server origin');
        assert.deepEqual(guard.dialogs, [], 'a dialog opened');
        assert.deepEqual(guard.errors, [], 'the page reported errors');
    };
    return {page, context: ctx, guard};
}

export const consoleUrl = (fixture, hash = '') => `${fixture.url}/console/${hash}`;

// Logs in through the login form and waits for the shell's navigation.
export async function login(page, fixture, username, {hash = '#/login'} = {}) {
    await page.goto(consoleUrl(fixture, hash));
    await page.getByLabel(/User name|Nom d'utilisateur/).fill(username);
    await page.getByLabel(/^(Password|Mot de passe)$/).fill(PASSWORD);
    await page.getByRole('button', {name: /^(Log in|Se connecter)$/}).click();
    await page.locator('header nav').waitFor();
}

// Waits until the screen's heading reads `name` (screens render after their API calls).
export async function heading(page, name) {
    await page.getByRole('heading', {level: 1, name}).waitFor();
}

const AXE_SOURCE = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

// axe-core's serious and critical violations on the page as it is now. The CSP forbids inline
// scripts, so its source is evaluated through the DevTools protocol instead of a <script> tag.
export async function axeViolations(page) {
    await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
    return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function assertAccessible(page, screen) {
    assert.deepEqual(await axeViolations(page), [], `axe-core on ${screen}`);
}

let shots = null;
// Writes a full-page screenshot of the current screen as <name>.png.
export async function screenshot(page, name) {
    if (!shots) {
        shots = process.env.SPMIS_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'spmis-console-shots-'));
        mkdirSync(shots, {recursive: true});
    }
    await page.screenshot({path: join(shots, `${name}.png`), fullPage: true});
}
