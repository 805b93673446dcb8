// What a registrant receives, on its page: memberships in every program, entitlements with their
// balance, redemptions and attendance (GET /api/v1/registrants/{id}/benefits), for the registrant
// and its household's members or its households. Every figure cell names its member of the JSON
// (data-figure) and its format (data-format), so a test can check the page against the API.

import {json, seg} from '../api.js';
import {append, h, message} from '../dom.js';
import {money, number, t, term, time} from '../i18n.js';
import {loadLookups, named} from '../lookups.js';

const LISTS = ['memberships', 'entitlements', 'redemptions', 'attendance'];

// The section, returned at once and filled when the answer comes, so the page (its title, its
// focus) settles without waiting for it.
export function benefits(id, ctx) {
    const node = h('section', {'aria-labelledby': 'benefits-title', 'aria-busy': 'true'},
        h('h2', {id: 'benefits-title'}, t('benefits.title')));
    fill(node, id, ctx).finally(() => node.removeAttribute('aria-busy'));
    return node;
}

async function fill(node, id, ctx) {
    let answer;
    let lookups;
    try {
        [answer, lookups] = await Promise.all([json(`/api/v1/registrants/${seg(id)}/benefits`), loadLookups(ctx)]);
    } catch (error) {
        node.append(message('error', error.message));
        return;
    }
    if (LISTS.every((name) => !answer[name].length)) {
        node.append(message('info', t('benefits.nothing')));
        return;
    }
    const holders = new Map(answer.holders.map((x) => [x.id, x]));
    const entitlements = new Map(answer.entitlements.map((e) => [e.id, e]));
    append(node, [
        memberships(answer.memberships, holders),
        entitlementTable(answer.entitlements, holders, lookups),
        redemptions(answer.redemptions, entitlements, lookups),
        attendance(answer.attendance, holders, lookups)]);
}

// The registrant itself by name; a member or household as a link to its own page.
function holder(holders, id) {
    const x = holders.get(id);
    if (!x) return id;
    if (x.relation === 'self') return x.name || x.id;
    return [h('a', {href: `#/registrant/${encodeURIComponent(x.id)}`}, x.name || x.id), ` (${term('benefits.relation', x.relation)})`];
}

// A titled table of one list (data-list), each row carrying its item's id (data-id), or a note when empty.
function section(key, title, items, headers, build) {
    if (!items.length) return [h('h3', {}, title), message('info', t('benefits.none'))];
    return [h('h3', {}, title), h('table', {'data-list': key},
        h('caption', {}, title),
        h('thead', {}, h('tr', {}, headers.map((text) => h('th', {scope: 'col'}, text)))),
        h('tbody', {}, items.map((item) => h('tr', {'data-id': item.id}, build(item).map((c) => h('td', {}, c))))))];
}

function memberships(rows, holders) {
    return section('memberships', t('benefits.memberships'), rows,
        [t('benefits.holder'), t('benefits.program'), t('benefits.state'), t('benefits.enrolled'), t('benefits.exited')],
        (m) => [holder(holders, m.registrant_id), `${m.program_code} — ${m.program_name}`,
            h('span', {'data-state': m.state}, term('membership.state', m.state)), m.enrollment_date || '—', m.exit_date || '—']);
}

// A figure in thousandths of the entitlement's measure: a quantity of its unit, or money.
function figure(e, key) {
    const value = e[key];
    const format = e.kind === 'in_kind' ? 'milli' : `money-milli:${e.currency}`;
    const text = value === null || value === undefined ? '—'
        : e.kind === 'in_kind' ? number(value / 1000) : money(value / 1000, e.currency);
    return [h('span', {'data-figure': key, 'data-format': format}, text), e.kind === 'in_kind' && value !== null ? ` ${e.unit}` : null];
}

function what(e) {
    if (e.kind === 'in_kind') return `${e.item}`;
    return e.kind === 'voucher' ? `${t('benefits.voucher')} ${e.voucher_code || ''}`.trim() : t('benefits.cash');
}

function entitlementTable(rows, holders, lookups) {
    return section('entitlements', t('benefits.entitlements'), rows,
        [t('benefits.holder'), t('benefits.program'), t('benefits.cycle'), t('benefits.what'), t('benefits.granted'),
            t('benefits.redeemed'), t('benefits.remaining'), t('benefits.valid'), t('benefits.service_point'), t('benefits.state')],
        (e) => [holder(holders, e.registrant_id), e.program_code, e.cycle_name, what(e), figure(e, 'granted_milli'),
            figure(e, 'redeemed_milli'), figure(e, 'remaining_milli'), t('benefits.validity', {from: e.valid_from, until: e.valid_until}),
            named(lookups.servicePoints, e.service_point_id), h('span', {'data-state': e.state}, term('entitlement.state', e.state))]);
}

function redemptions(rows, entitlements, lookups) {
    return section('redemptions', t('benefits.redemptions'), rows,
        [t('benefits.at'), t('benefits.entitlement'), t('benefits.service_point'), t('benefits.quantity'),
            t('benefits.recipient'), t('benefits.recorded_by'), t('benefits.voided')],
        (r) => {
            const e = entitlements.get(r.entitlement_id) || {kind: 'in_kind', unit: ''};
            return [time(r.at), e.program_code ? `${e.program_code} — ${e.cycle_name}` : r.entitlement_id,
                named(lookups.servicePoints, r.service_point_id), figure({...e, quantity_milli: r.quantity_milli}, 'quantity_milli'),
                r.recipient === 'proxy' ? t('benefits.proxy', {name: r.proxy_name}) : term('benefits.recipient', r.recipient),
                r.recorded_by, r.voided ? t('benefits.voided_by', {user: r.voided_by}) : t('common.no')];
        });
}

function attendance(rows, holders, lookups) {
    return section('attendance', t('benefits.attendance'), rows,
        [t('benefits.at'), t('benefits.holder'), t('benefits.service_point'), t('benefits.program'), t('benefits.event'), t('benefits.recorded_by')],
        (a) => [time(a.at), holder(holders, a.registrant_id), named(lookups.servicePoints, a.service_point_id),
            named(lookups.programs, a.program_id), time(a.event_starts_at), a.recorded_by]);
}
