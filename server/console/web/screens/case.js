// One reconciliation case, both sides: every device operation it links (what each device believed)
// beside the server's current record. Resolving sends the version read (If-Match), so a case that
// changed meanwhile (resolved in another tab, a new redemption linked) is refused with 409 and
// the server's explanation instead of a decision taken on stale facts.

import {ApiError, request, seg} from '../api.js';
import {details, field, h, message, replace, select} from '../dom.js';
import {number, t, term, time} from '../i18n.js';
import {loadLookups, named} from '../lookups.js';

const MEMBERSHIP_STATES = ['draft', 'enrolled', 'not_eligible', 'duplicated', 'paused', 'exited'];

export async function render(ctx) {
    const lookups = await loadLookups(ctx);
    const show = async (notice) => {
        let answer;
        let etag;
        try {
            const response = await request(`/api/v1/reconciliation/${seg(ctx.params.id)}`);
            etag = response.headers.get('ETag');
            answer = await response.json();
        } catch (error) {
            replace(ctx.root, h('h1', {}, t('case.title')), message('error', error.message),
                h('p', {}, h('a', {href: '#/queue'}, t('case.back'))));
            return;
        }
        replace(ctx.root, ...view(ctx, answer, etag, lookups, show), notice);
    };
    await show(null);
}

function view(ctx, answer, etag, lookups, show) {
    const c = answer.case;
    return [
        h('p', {class: 'breadcrumb'}, h('a', {href: '#/queue'}, t('case.back'))),
        h('h1', {}, `${term('case.type', c.type)} — ${c.summary}`),
        details([
            [t('case.status'), term('case.status', c.status)],
            [t('case.program'), named(lookups.programs, c.program_id)],
            [t('case.service_point'), named(lookups.servicePoints, c.service_point_id)],
            [t('case.created_at'), time(c.created_at)],
            [t('case.updated_at'), time(c.updated_at)],
        ]),
        h('div', {class: 'sides'},
            h('section', {class: 'side', 'aria-labelledby': 'ops-title'},
                h('h2', {id: 'ops-title'}, t('case.operations')),
                answer.operations.length ? answer.operations.map(operation) : message('info', t('case.no_operations'))),
            h('section', {class: 'side', 'aria-labelledby': 'record-title'},
                h('h2', {id: 'record-title'}, t('case.record')),
                serverRecord(ctx, answer.record))),
        c.status === 'resolved' ? decisionView(c) : null,
        c.status === 'open' && ctx.can('program_manage') ? resolveForm(c, answer, etag, show) : null,
    ];
}

function operation(op, index) {
    return h('article', {class: 'operation', 'aria-labelledby': `op-${index}`},
        h('h3', {id: `op-${index}`}, t('case.operation', {device: op.device_name || op.device_id, officer: op.officer, seq: op.device_seq})),
        details([
            [t('case.op.device_id'), op.device_id],
            [t('case.op.officer'), op.officer],
            [t('case.op.kind'), op.kind],
            [t('case.op.device_time'), time(op.device_time)],
            [t('case.op.received_at'), time(op.received_at)],
            [t('case.op.disposition'), op.disposition],
            [t('case.op.reason'), op.reason],
        ]),
        h('h4', {}, t('case.op.payload')),
        details(Object.entries(op.payload || {})),
        // What the device held when it acted (its base), when it sent one.
        op.believed && typeof op.believed === 'object' && Object.keys(op.believed).length
            ? [h('h4', {}, t('case.op.believed')), details(Object.entries(op.believed))] : null);
}

function serverRecord(ctx, record) {
    if (!record) return message('info', t('case.no_record'));
    const parts = [];
    if (record.entitlement) {
        parts.push(h('h3', {}, t('case.entitlement')), balance(record), details(Object.entries(record.entitlement)));
    }
    if (record.membership) {
        const m = record.membership;
        parts.push(h('h3', {}, t('case.membership')), details([
            [t('case.membership.state'), term('membership.state', m.state)],
            [t('case.membership.enrolled'), m.enrollment_date],
            [t('case.membership.exited'), m.exit_date],
            [t('case.membership.id'), m.id],
        ]));
    }
    if (record.registrant) {
        // The fields that identify the person; the registrant's page has the rest.
        const r = record.registrant;
        parts.push(h('h3', {}, t('case.registrant')),
            ctx.can('registry_read') && r.id ? h('p', {}, h('a', {href: `#/registrant/${encodeURIComponent(r.id)}`}, r.name || r.id)) : null,
            details(['name', 'kind', 'external_id', 'national_id', 'birthdate', 'phone'].map((k) =>
                [t(`registrant.${k}`), k === 'kind' ? term('registrant.kind', r[k]) : r[k]])));
    }
    return parts;
}

// Granted, redeemed and remaining, which the server counts in thousandths of the unit.
function balance(record) {
    if (record.granted_milli === undefined) return null;
    const unit = record.entitlement.unit || '';
    const quantity = (milli) => `${number(milli / 1000)} ${unit}`.trim();
    return h('table', {class: 'figures balance'}, h('caption', {}, t('case.balance')),
        h('tbody', {}, [['granted', record.granted_milli], ['redeemed', record.redeemed_milli], ['remaining', record.remaining_milli]]
            .map(([key, milli]) => h('tr', {'data-balance': key}, h('th', {scope: 'row'}, t(`case.${key}`)), h('td', {}, quantity(milli))))));
}

function decisionView(c) {
    return h('section', {class: 'card', 'aria-labelledby': 'decision-title'},
        h('h2', {id: 'decision-title'}, t('case.decision')),
        details([
            [t('case.decision.action'), c.decision ? term('decision', c.decision.action) : '—'],
            [t('case.decision.detail'), c.decision],
            [t('case.decided_by'), c.decided_by],
            [t('case.reason'), c.reason],
            [t('case.resolved_at'), time(c.resolved_at)],
        ]));
}

// The decision form: the choices the server accepts (sync/src/server/resolve.cpp), each with the
// one extra input it needs, and a required reason.
function resolveForm(c, answer, etag, show) {
    const membership = answer.record && answer.record.membership;
    const actions = [['dismiss', term('decision', 'dismiss')], ['approve_overdraw', term('decision', 'approve_overdraw')]];
    if (c.links.length) actions.push(['void_redemption', term('decision', 'void_redemption')]);
    if (membership && membership.id) actions.push(['set_state', term('decision', 'set_state')]);
    const action = select({name: 'action', required: true}, [['', t('case.choose')], ...actions], '');
    const redemption = select({name: 'redemption_id'}, c.links.map((l) => [l.record_id, linkLabel(l, answer.operations)]), '');
    const state = select({name: 'state'}, MEMBERSHIP_STATES.map((s) => [s, term('membership.state', s)]), '');
    const reason = h('textarea', {name: 'reason', required: true, rows: 3});
    const redemptionField = field(t('case.redemption'), redemption);
    const stateField = field(t('case.new_state'), state);
    const status = h('div', {class: 'form-status'});
    const submit = h('button', {type: 'submit', class: 'primary'}, t('case.resolve'));
    const sync = () => {
        redemptionField.hidden = action.value !== 'void_redemption';
        stateField.hidden = action.value !== 'set_state';
    };
    action.addEventListener('change', sync);
    sync();
    const decision = () => {
        if (action.value === 'void_redemption') return {action: action.value, redemption_id: redemption.value};
        if (action.value === 'set_state') return {action: action.value, membership_id: membership.id, state: state.value};
        return {action: action.value};
    };
    return h('form', {class: 'card resolve', 'aria-labelledby': 'resolve-title', onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        replace(status);
        try {
            await request(`/api/v1/reconciliation/${seg(c.id)}/resolve`, {method: 'POST',
                headers: etag ? {'If-Match': etag} : {}, body: {decision: decision(), reason: reason.value}});
            await show(message('success', t('case.resolved_ok')));
        } catch (error) {
            replace(status, resolveError(error, show));
            submit.disabled = false;
        }
    }},
    h('h2', {id: 'resolve-title'}, t('case.resolve_title')),
    field(t('case.decision.action'), action),
    redemptionField,
    stateField,
    field(t('case.reason'), reason),
    status,
    submit);
}

// A 409 means the case moved on: show what the server says changed and offer to reload it.
function resolveError(error, show) {
    if (!(error instanceof ApiError) || error.status !== 409) return message('error', error.message);
    return h('div', {class: 'conflict'},
        message('error', t('case.stale', {detail: error.message})),
        h('button', {type: 'button', class: 'secondary', onclick: () => show(null)}, t('case.reload')));
}

function linkLabel(link, operations) {
    const op = operations.find((o) => o.device_id === link.device_id && o.device_seq === link.device_seq);
    // Tablets often share a name: the officer tells them apart for the person deciding.
    const device = op ? (op.device_name || op.device_id) : (link.device_id || '—');
    return t('case.link', {device, officer: op ? op.officer : '—', seq: link.device_seq ?? '—', record: link.record_id});
}
