// A cycle's page: its dates, budget and state, its entitlements by state, and the two steps of a
// draft: generate the entitlements (an over-budget refusal shows its figures and offers to scale
// to the budget) and submit for approval. A cash cycle's payment batches follow (payments.js).

import {ApiError, json, seg} from '../api.js';
import {details, h, message, replace, table} from '../dom.js';
import {money, number, t, term, time} from '../i18n.js';
import {payments} from './payments.js';

export async function render(ctx) {
    let cycle;
    let program;
    try {
        cycle = await json(`/api/v1/cycles/${seg(ctx.params.id)}`);
        program = await json(`/api/v1/programs/${seg(cycle.program_id)}`);
    } catch (error) {
        replace(ctx.root, h('h1', {}, t('cycle.title_plain')), message('error', error.message),
            h('p', {}, h('a', {href: '#/programs'}, t('program.back'))));
        return;
    }
    const head = h('div', {});
    const notice = h('div', {class: 'form-status', 'aria-live': 'polite'});
    const actions = h('div', {});
    const paymentsNode = h('section', {'aria-labelledby': 'payments-title'});
    // After a step the facts are read again; the notice saying what happened stays.
    const refresh = async () => {
        cycle = await json(`/api/v1/cycles/${seg(cycle.id)}`);
        await showHead(head, cycle, program);
        replace(actions, ctx.can('finance_manage') && cycle.state === 'draft' ? draftActions(cycle, notice, refresh) : null);
        if (program.kind === 'cash') await payments(ctx, cycle, paymentsNode, () => showHead(head, cycle, program));
    };
    replace(ctx.root,
        h('p', {class: 'breadcrumb'}, h('a', {href: `#/program/${encodeURIComponent(program.id)}`},
            t('cycle.back', {program: `${program.code} — ${program.name}`}))),
        h('h1', {}, t('cycle.title', {sequence: cycle.sequence, name: cycle.name})),
        head, actions, notice, program.kind === 'cash' ? paymentsNode : null);
    await refresh();
}

async function showHead(node, cycle, program) {
    // The entitlements by state and value are the monitoring figures of the program's cycles.
    let figures = null;
    try {
        const all = await json(`/api/v1/monitoring/programs/${seg(program.id)}`);
        figures = all.cycles.find((c) => c.id === cycle.id) || null;
    } catch {
        // Without figures the page still shows the cycle; the table says there is nothing yet.
    }
    const rows = figures ? figures.entitlements : [];
    replace(node,
        details([
            [t('cycle.state'), h('span', {'data-cycle-state': cycle.state}, term('cycle.state', cycle.state))],
            [t('cycle.period'), `${cycle.start} – ${cycle.end}`],
            [t('cycle.budget_label'), cycle.budget ? money(cycle.budget, cycle.currency) : t('cycle.no_budget')],
            [t('cycle.created_at'), time(cycle.created_at)],
        ]),
        h('h2', {}, t('cycle.entitlements_heading')),
        rows.length
            ? table(t('cycle.entitlements'), [t('cycle.ent_state'), t('cycle.ent_count'), program.kind === 'in_kind' ? t('cycle.ent_quantity') : t('cycle.ent_value')],
                rows.map((e) => [term('entitlement.state', e.state), number(e.count),
                    program.kind === 'in_kind' ? number(e.quantity) : money(e.value_minor, cycle.currency)]),
                {class: 'entitlements'})
            : message('info', t('cycle.no_entitlements')));
}

function draftActions(cycle, notice, refresh) {
    const generate = async (scale) => {
        replace(notice);
        try {
            const report = await json(`/api/v1/cycles/${seg(cycle.id)}/entitlements/generate`,
                {method: 'POST', body: scale ? {scale_to_budget: true} : {}});
            await refresh();
            replace(notice, message('success', report.scaled
                ? t('cycle.generated_scaled', {created: number(report.created), total: money(report.total, report.currency),
                    budget: money(report.budget, report.currency), factor: number(report.scale_factor, {maximumFractionDigits: 4})})
                : t('cycle.generated', {created: number(report.created), already: number(report.already_entitled),
                    total: report.currency ? money(report.total, report.currency) : number(report.total_quantity)})));
        } catch (error) {
            replace(notice, refusal(error, () => generate(true)));
        }
    };
    const submit = async () => {
        replace(notice);
        try {
            const answer = await json(`/api/v1/cycles/${seg(cycle.id)}/submit`, {method: 'POST'});
            await refresh();
            replace(notice, h('div', {class: 'message success', role: 'status'},
                t('cycle.submitted', {levels: answer.approval_request.levels.length}), ' ',
                h('a', {href: '#/approvals', 'data-approval': answer.approval_request.id}, t('cycle.to_approvals'))));
        } catch (error) {
            replace(notice, message('error', error.message));
        }
    };
    return h('div', {class: 'buttons actions'},
        h('button', {type: 'button', class: 'primary', onclick: () => generate(false)}, t('cycle.generate')),
        h('button', {type: 'button', class: 'secondary', onclick: submit}, t('cycle.submit')));
}

// Over budget: the server wrote nothing and says by how much; the user may scale every amount down
// to fit. A rule error lists the registrants whose amount could not be computed.
function refusal(error, scale) {
    const d = error instanceof ApiError ? error.detail : {};
    if (error.status === 422 && d.code === 'refused') {
        return h('div', {class: 'message error conflict', role: 'alert'},
            h('p', {'data-over-budget': ''}, t('cycle.over_budget', {total: money(d.total, d.currency),
                budget: money(d.budget, d.currency), count: number(d.count)})),
            h('button', {type: 'button', class: 'primary', onclick: scale}, t('cycle.scale')));
    }
    return h('div', {class: 'message error', role: 'alert'}, error.message,
        Array.isArray(d.errors) && d.errors.length
            ? h('ul', {}, d.errors.map((e) => h('li', {}, h('a', {href: `#/registrant/${encodeURIComponent(e.registrant_id)}`}, e.registrant_id), `: ${e.message}`)))
            : null);
}
