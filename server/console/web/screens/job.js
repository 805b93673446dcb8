// Enrollment jobs of a program: queued on the server (202 with the job), then followed by polling
// GET /api/v1/jobs/{id} until it succeeds or fails, its progress drawn as it goes. The job runs on
// the server whatever the page does; leaving the page only stops the polling.

import {json, seg} from '../api.js';
import {details, display, field, h, message, replace, select} from '../dom.js';
import {number, t, term} from '../i18n.js';

const OPERATIONS = ['import_eligible', 'verify', 'deduplicate', 'enroll'];
const POLL_MS = 400;

// The form and the job's live state under it. life.alive goes false when the page is left;
// onDone runs after a job succeeded (the page's coverage changed).
export function jobForm(program, life, onDone) {
    const operation = select({name: 'operation'}, OPERATIONS.map((op) => [op, term('job.operation', op)]), 'enroll');
    const reference = h('input', {name: 'reference_date', type: 'date'});
    const recheck = h('input', {name: 'recheck_enrolled', type: 'checkbox'});
    const progress = h('div', {class: 'job', 'aria-live': 'polite'});
    const run = h('button', {type: 'submit', class: 'primary'}, t('job.run'));
    const form = h('form', {class: 'card', 'aria-labelledby': 'job-title', onsubmit: async (event) => {
        event.preventDefault();
        const body = {operation: operation.value};
        if (reference.value) body.reference_date = reference.value;
        if (recheck.checked && ['verify', 'enroll'].includes(operation.value)) body.recheck_enrolled = true;
        run.disabled = true;
        try {
            const {job} = await json(`/api/v1/programs/${seg(program.id)}/jobs`, {method: 'POST', body});
            const last = await follow(job, progress, life);
            if (last && last.state === 'succeeded') await onDone();
        } catch (error) {
            replace(progress, message('error', error.message));
        } finally {
            run.disabled = false;
        }
    }},
    h('h2', {id: 'job-title'}, t('job.title')),
    h('div', {class: 'filters'},
        field(t('job.operation'), operation),
        field(t('job.reference_date'), reference, t('job.reference_hint')),
        h('div', {class: 'field'}, h('label', {class: 'check'}, recheck, ` ${t('job.recheck')}`))),
    run, progress);
    return form;
}

// Polls until the job ends (or the page is left); returns the last state read.
async function follow(job, node, life) {
    let current = job;
    show(node, current);
    while (life.alive && (current.state === 'queued' || current.state === 'running')) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!life.alive) break;
        current = (await json(`/api/v1/jobs/${seg(current.id)}`)).job;
        show(node, current);
    }
    return current;
}

function show(node, job) {
    const {done, total} = job.progress;
    // A total of 0 is a job that does not count its steps (or has none): the bar shows no fraction.
    const bar = h('progress', {id: 'job-progress', max: total || 1, value: total ? done : (job.state === 'succeeded' ? 1 : false)});
    replace(node,
        h('p', {'data-job': job.id, 'data-state': job.state},
            t('job.state', {operation: term('job.operation', job.operation), state: term('job.status', job.state)})),
        h('div', {class: 'progress'}, h('label', {for: 'job-progress'}, t('job.progress', {done: number(done), total: number(total)})), bar),
        job.error ? message('error', job.error) : null,
        job.state === 'succeeded' ? result(job.result) : null);
}

// The job's counts, each under its catalogued name; the first errors as text.
function result(r) {
    const pairs = Object.entries(r || {}).filter(([key]) => key !== 'first_errors')
        .map(([key, value]) => [term('job.result', key), typeof value === 'number' ? number(value) : display(value)]);
    const errors = (r && r.first_errors) || [];
    return h('div', {class: 'job-result'},
        h('h3', {}, t('job.result')),
        details(pairs),
        errors.length ? h('ul', {}, errors.map((e) => h('li', {}, display(e)))) : null);
}
