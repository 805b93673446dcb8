// The officer's screen (`spmis-field ui`) in Chromium over a big tablet (issue 26): a name search on
// the Find screen, from pressing Search until the first result is visible, beside the same call to
// the screen's local API (`POST /local/find`) made straight from node in the same run (STYLE.md
// habit 9). Medians over every query of every round, after one warm-up round.
//
// Usage: node bench/client/bench_field_screen.mjs   (SPMIS_FIELD and SPMIS_FIELD_SCREEN_STORE set)
// Environment:
//   SPMIS_BENCH_SIZE   smoke: 2,000 beneficiaries; anything else: 50,000 (as bench_field_lookup)
//   SPMIS_CHROMIUM     the browser (default /usr/bin/chromium, as the console tests)
//
// Data: `spmis-field init` and `officer pin` in a temporary folder (removed at the end), then
// field_screen_store fills its store; `spmis-field ui` is stopped by its pid whatever happens.

import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
// playwright-core is resolved by the harness from tests/console/node_modules.
import {launchBrowser} from '../../tests/console/harness.mjs';
import {fieldCli, OFFICER, PIN, signIn, startScreen} from '../../tests/console/field.mjs';

const SIZE = process.env.SPMIS_BENCH_SIZE || '';
const BENEFICIARIES = SIZE === 'smoke' ? 2000 : 50000;
const ROUNDS = SIZE === 'smoke' ? 2 : 5;
// Given names and family-name syllables of field_screen_store, accents left out as an officer types.
const QUERIES = ['amina', 'kofi', 'zoe', 'elodie', 'baraka', 'fatima', 'mo', 'ta'];
const RESULT = '#results button.person';

const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function fill(home) {
    const cli = fieldCli(home);
    for (const [args, input] of [[['init', '--officer', OFFICER]], [['officer', 'pin', OFFICER], `${PIN}\n`]]) {
        const r = cli(args, input);
        if (r.status !== 0) throw new Error(`spmis-field ${args.join(' ')}: ${r.err}`);
    }
    const start = performance.now();
    const r = spawnSync(process.env.SPMIS_FIELD_SCREEN_STORE, [join(home, 'field.db'), String(BENEFICIARIES)], {encoding: 'utf8'});
    if (r.status !== 0) throw new Error(`field_screen_store: ${r.stderr}`);
    return (performance.now() - start) / 1000;
}

// The local API alone: request, whole body read and parsed; resolves with [ms, results].
async function api(screen, headers, query) {
    const start = performance.now();
    const response = await fetch(`${screen.origin}/local/find`, {method: 'POST', headers, body: JSON.stringify({query})});
    const body = await response.json();
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`find ${query}: ${response.status} ${JSON.stringify(body)}`);
    return [ms, body.results.length];
}

// The screen: a fresh Find screen, the query typed, then from pressing Search until the first
// result is visible.
async function onScreen(page, query) {
    await page.getByRole('button', {name: 'Find', exact: true}).click();
    await page.getByLabel('Name, national id or scanned credential').fill(query);
    const start = performance.now();
    await page.getByRole('button', {name: 'Search'}).click();
    await page.locator(RESULT).first().waitFor({state: 'visible', timeout: 120000});
    return performance.now() - start;
}

async function main() {
    const home = mkdtempSync(join(tmpdir(), 'spmis-bench-field-screen-'));
    let screen = null;
    let browser = null;
    try {
        const seconds = fill(home);
        screen = await startScreen(home);
        const secret = screen.url.split('#k=')[1];
        const signin = await fetch(`${screen.origin}/local/signin`, {method: 'POST', headers: {'X-Spmis-Secret': secret},
            body: JSON.stringify({officer: OFFICER, pin: PIN})});
        const headers = {'X-Spmis-Secret': secret, Authorization: `Bearer ${(await signin.json()).token}`};
        browser = await launchBrowser();
        const context = await browser.newContext({viewport: {width: 360, height: 740}, locale: 'en-US'});
        const page = await context.newPage();
        await signIn(page, screen);
        const screenMs = [];
        const apiMs = [];
        let hits = 0;
        for (let round = 0; round <= ROUNDS; ++round) {
            for (const query of QUERIES) {
                const [ms, found] = await api(screen, headers, query);
                const shown = await onScreen(page, query);
                if (found === 0) throw new Error(`nobody found for "${query}"`);
                if (round === 0) continue;  // warm-up
                apiMs.push(ms);
                screenMs.push(shown);
                hits += found;
            }
        }
        const s = median(screenMs);
        const a = median(apiMs);
        console.log(`bench_field_screen (${SIZE || 'default'}): ${BENEFICIARIES.toLocaleString('en-US')} beneficiaries on the tablet ` +
            `(filled in ${seconds.toFixed(1)} s); ${QUERIES.length} name queries x ${ROUNDS} rounds (${hits} results), medians`);
        console.log(`  screen, Search pressed to first result visible:  ${s.toFixed(1)} ms`);
        console.log(`  local API alone (POST /local/find from node):     ${a.toFixed(1)} ms`);
        console.log(`  ratio screen/API: ${(s / a).toFixed(2)}`);
    } finally {
        await browser?.close();
        await screen?.stop();
        rmSync(home, {recursive: true, force: true});
    }
}

main().then(() => process.exit(0), (error) => {
    console.error(`bench_field_screen: ${error.stack || error.message}`);
    process.exit(1);
});
