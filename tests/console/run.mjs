// Runs every console browser test against a real spmis-server:
//   node run.mjs SPMIS_SERVER SPMIS_FIELD [REPO_ROOT]     (or the SPMIS_SERVER/SPMIS_FIELD environment)
//   SPMIS_CONSOLE_ONLY=approvals,login node run.mjs ...  (only those files)
// Builds the demo data once (deploy/demo-data.sh, deploy/demo-field.sh, one account per role), then
// runs the *.test.mjs files one at a time with node's test runner; each test copies that data and
// starts its own server. The whole run is bounded by SPMIS_CONSOLE_TIMEOUT seconds (default 900).

import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [server, field, root] = process.argv.slice(2);
if (server) process.env.SPMIS_SERVER = resolve(server);
if (field) process.env.SPMIS_FIELD = resolve(field);
if (root) process.env.SPMIS_ROOT = resolve(root);
const timeoutSeconds = Number(process.env.SPMIS_CONSOLE_TIMEOUT || 900);
// One folder for every test file's screenshots (each file would otherwise make its own).
if (!process.env.SPMIS_SCREENSHOTS) process.env.SPMIS_SCREENSHOTS = mkdtempSync(join(tmpdir(), 'spmis-console-shots-'));

// Imported after the environment is set: the harness reads it.
const {buildData} = await import('./harness.mjs');

const template = mkdtempSync(join(tmpdir(), 'spmis-console-template-'));
const cleanup = () => rmSync(template, {recursive: true, force: true});
let child = null;
const deadline = setTimeout(() => {
    console.error(`console tests: over ${timeoutSeconds} s, stopping`);
    // The test processes kill their servers on SIGTERM (harness.mjs); SIGKILL if they hang.
    if (child) child.kill('SIGTERM');
    setTimeout(() => {
        if (child) child.kill('SIGKILL');
        cleanup();
        process.exit(124);
    }, 10000).unref();
}, timeoutSeconds * 1000);

try {
    const started = Date.now();
    buildData(join(template, 'data'));
    console.log(`console tests: demo data built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
    console.error(error.message);
    cleanup();
    process.exit(1);
}

// SPMIS_CONSOLE_ONLY=approvals,login runs only the files whose names contain one of the words.
const only = (process.env.SPMIS_CONSOLE_ONLY || '').split(',').filter(Boolean);
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs'))
    .filter((f) => !only.length || only.some((word) => f.includes(word))).sort().map((f) => join(here, f));
child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    cwd: here,
    stdio: 'inherit',
    env: {...process.env, SPMIS_CONSOLE_TEMPLATE: join(template, 'data')},
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
    clearTimeout(deadline);
    cleanup();
    console.log(`console tests: screenshots in ${process.env.SPMIS_SCREENSHOTS}`);
    process.exit(code ?? (signal ? 1 : 0));
});
