// The payment batches of a cash cycle: each with its state, payment counts and total; the provider
// file downloaded with its SHA-256 (the server's header, checked again here over the bytes
// received); the provider's result file uploaded all or nothing, a refusal listing every bad line
// with its column. A new batch takes the entitlements whose payment failed, so the second batch
// for the failures is the same form again.

import {ApiError, json, request, seg} from '../api.js';
import {details, field, h, message, replace, select, table} from '../dom.js';
import {money, number, t, term, time} from '../i18n.js';

const KINDS = ['bank', 'mobile_money', 'cash_agent'];

// Fills `node` (a section) with the cycle's batches and, for finance_manage, the actions.
// onChange runs after an action changed entitlements (a batch takes them, results settle them).
export async function payments(ctx, cycle, node, onChange) {
    const status = h('div', {class: 'form-status payments-status', 'aria-live': 'polite'});
    const list = h('div', {class: 'batches'});
    const act = ctx.can('finance_manage');
    const open = cycle.state === 'approved' || cycle.state === 'distributed';
    // Before approval there can be no batch: say when there will be, rather than "none".
    const none = open ? t('payments.none') : t('payments.not_open', {state: term('cycle.state', cycle.state)});
    const reload = async () => {
        await showBatches(list, cycle, act, status, reload, none);
        await onChange();
    };
    replace(node, h('h2', {id: 'payments-title'}, t('payments.title')), status, list,
        act && open ? batchForm(cycle, status, reload) : null);
    await showBatches(list, cycle, act, status, reload, none);
}

async function showBatches(list, cycle, act, status, reload, none) {
    let batches;
    try {
        batches = (await json(`/api/v1/cycles/${seg(cycle.id)}/payment-batches`)).batches;
    } catch (error) {
        return replace(list, message('error', error.message));
    }
    replace(list, batches.length
        ? batches.map((b, i) => batchCard(b, i + 1, act, status, reload))
        : message('info', none));
}

function batchCard(b, n, act, status, reload) {
    const title = t('payments.batch', {n, provider: b.provider, kind: term('payments.kind', b.provider_kind)});
    return h('article', {class: 'card batch', 'data-batch': b.id, 'aria-labelledby': `batch-${b.id}`},
        h('h3', {id: `batch-${b.id}`}, title),
        details([
            [t('payments.state'), h('span', {'data-batch-state': b.state}, term('payments.state', b.state))],
            [t('payments.counts'), h('span', {'data-counts': ''}, t('payments.counts_line', {pending: number(b.payments.pending),
                paid: number(b.payments.paid), failed: number(b.payments.failed)}))],
            [t('payments.total'), money(b.total_minor, b.currency)],
            [t('payments.sha256'), b.file_sha256 ? h('code', {class: 'sha'}, b.file_sha256) : t('payments.not_exported')],
            [t('payments.created_at'), time(b.created_at)],
            [t('payments.id'), b.id],
        ]),
        act ? h('div', {class: 'batch-actions'},
            h('button', {type: 'button', class: 'secondary', 'aria-label': t('payments.download_named', {batch: title}),
                onclick: () => download(b, title, status, reload)}, t('payments.download')),
            b.state !== 'reconciled' ? uploadForm(b, title, status, reload) : null) : null);
}

// The file as the provider receives it; its SHA-256 shown so the two sides can compare.
async function download(b, title, status, reload) {
    replace(status);
    try {
        const response = await request(`/api/v1/payment-batches/${seg(b.id)}/file`);
        const sha = response.headers.get('X-Content-SHA256') || '';
        const bytes = await response.arrayBuffer();
        const url = URL.createObjectURL(new Blob([bytes], {type: 'text/csv'}));
        const link = h('a', {href: url, download: `payment-batch-${b.id}.csv`});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        const check = await digest(bytes);
        await reload();
        replace(status, h('div', {class: 'message success', role: 'status'},
            h('p', {}, t('payments.downloaded', {batch: title})),
            h('p', {}, t('payments.sha256'), ': ', h('code', {class: 'sha', 'data-sha256': sha}, sha)),
            check === null ? null : h('p', {}, t(check === sha ? 'payments.sha_same' : 'payments.sha_differs', {computed: check}))));
    } catch (error) {
        replace(status, message('error', error.message));
    }
}

// SHA-256 of the bytes received, in lower-case hex; null where the browser offers no digest
// (WebCrypto needs a secure context: https, or the server on this machine).
async function digest(bytes) {
    if (!window.crypto || !window.crypto.subtle) return null;
    const hash = new Uint8Array(await window.crypto.subtle.digest('SHA-256', bytes));
    return [...hash].map((x) => x.toString(16).padStart(2, '0')).join('');
}

function uploadForm(b, title, status, reload) {
    const file = h('input', {type: 'file', name: 'results', accept: '.csv,text/csv', required: true});
    return h('form', {class: 'inline', onsubmit: async (event) => {
        event.preventDefault();
        if (!file.files.length) return;
        replace(status);
        try {
            const report = await json(`/api/v1/payment-batches/${seg(b.id)}/results`,
                {method: 'POST', body: await file.files[0].text(), headers: {'Content-Type': 'text/csv'}});
            await reload();
            replace(status, message('success', t(report.already_imported ? 'payments.already_imported' : 'payments.imported',
                {batch: title, rows: number(report.rows), paid: number(report.paid), failed: number(report.failed),
                    unchanged: number(report.unchanged), state: term('payments.state', report.batch_state)})));
        } catch (error) {
            replace(status, refused(error, title));
        }
    }},
    field(t('payments.result_file', {batch: title}), file),
    h('button', {type: 'submit', class: 'primary'}, t('payments.upload')));
}

// A refused result file: nothing applied, every problem with its line and column.
function refused(error, title) {
    const problems = error instanceof ApiError && error.detail.report ? error.detail.report.problems || [] : [];
    if (!problems.length) return message('error', error.message);
    return h('div', {class: 'message error', role: 'alert'},
        h('p', {}, t('payments.refused', {batch: title, count: number(problems.length)})),
        table(t('payments.problems'), [t('payments.line'), t('payments.column'), t('payments.problem')],
            problems.map((p) => [String(p.line), p.column || '—', p.message]), {class: 'problems'}));
}

function batchForm(cycle, status, reload) {
    const provider = h('input', {name: 'provider', required: true, autocomplete: 'off'});
    const kind = select({name: 'provider_kind'}, KINDS.map((k) => [k, term('payments.kind', k)]), 'mobile_money');
    return h('form', {class: 'card', 'aria-labelledby': 'new-batch-title', onsubmit: async (event) => {
        event.preventDefault();
        replace(status);
        try {
            const batch = await json(`/api/v1/cycles/${seg(cycle.id)}/payment-batches`, {method: 'POST',
                body: {provider: provider.value.trim(), provider_kind: kind.value}});
            await reload();
            replace(status, message('success', t(batch.release_request ? 'payments.created_release' : 'payments.created',
                {provider: batch.provider, pending: number(batch.payments.pending)})));
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }},
    h('h3', {id: 'new-batch-title'}, t('payments.new')),
    h('p', {class: 'hint'}, t('payments.new_hint')),
    h('div', {class: 'filters'}, field(t('payments.provider'), provider), field(t('payments.provider_kind'), kind)),
    h('button', {type: 'submit', class: 'primary'}, t('payments.create')));
}
