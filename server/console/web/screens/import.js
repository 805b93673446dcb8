// Registry import: a registry CSV (docs/registry-csv.md) sent as it is to the server, which checks
// the whole file before writing anything. A refused file lists every bad row with its line and
// column; an accepted one the counts of what was created, updated and left unchanged.

import {ApiError, json} from '../api.js';
import {field, h, message, replace, table} from '../dom.js';
import {number, t} from '../i18n.js';

const COUNTS = ['rows', 'groups_created', 'individuals_created', 'updated', 'unchanged', 'memberships_changed'];

export async function render(ctx) {
    const file = h('input', {type: 'file', name: 'file', accept: '.csv,text/csv', required: true});
    const result = h('div', {class: 'form-status', 'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', class: 'primary'}, t('import.submit'));
    const form = h('form', {class: 'card', onsubmit: async (event) => {
        event.preventDefault();
        if (!file.files.length) return;
        submit.disabled = true;
        replace(result, message('info', t('import.working')));
        try {
            const counts = await json('/api/v1/registrants/import',
                {method: 'POST', body: await file.files[0].text(), headers: {'Content-Type': 'text/csv'}});
            replace(result, message('success', t('import.done', {file: file.files[0].name})),
                table(t('import.counts'), [t('import.what'), t('import.count')],
                    COUNTS.map((k) => [t(`import.count.${k}`), h('span', {'data-count': k}, number(counts[k]))]), {class: 'figures'}));
        } catch (error) {
            replace(result, refusal(error));
        } finally {
            submit.disabled = false;
        }
    }},
    field(t('import.file'), file, t('import.hint')),
    submit);
    replace(ctx.root, h('h1', {}, t('import.title')), h('p', {}, t('import.intro')), form, result);
}

// A refused file comes with every bad row in error.problems ({line, column, message}). A file the
// CSV reader itself refused (a broken quote, invalid UTF-8) has only the message, naming its line.
function refusal(error) {
    if (!(error instanceof ApiError) || error.status !== 400) return message('error', error.message);
    const problems = (error.detail && Array.isArray(error.detail.problems) ? error.detail.problems : [])
        .map((p) => [String(p.line), p.column || '—', p.message]);
    const summary = error.message.split('\n')[0];
    return h('div', {class: 'message error', role: 'alert'},
        h('p', {}, problems.length ? t('import.refused', {summary: summary.replace(/:\s*$/, '')}) : error.message),
        problems.length ? table(t('import.problems'), [t('import.line'), t('import.column'), t('import.problem')], problems, {class: 'problems'}) : null);
}
