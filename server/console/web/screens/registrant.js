// A registrant's page: its fields, a household's members, (for roles with program_read) what it
// receives: memberships, entitlements, redemptions and attendance (benefits.js), and (for roles with
// audit_read) the audit trail of every change to the record, oldest first.

import {json, query, seg} from '../api.js';
import {details, display, h, message, replace, table} from '../dom.js';
import {t, term, time} from '../i18n.js';
import {benefits} from './benefits.js';

const FIELDS = ['kind', 'external_id', 'given_name', 'family_name', 'birthdate', 'sex', 'national_id',
    'phone', 'area_id', 'disability', 'income', 'pmt_score', 'vulnerability_score', 'created_at', 'updated_at'];

export async function render(ctx) {
    let r;
    try {
        r = await json(`/api/v1/registrants/${seg(ctx.params.id)}`);
    } catch (error) {
        replace(ctx.root, h('h1', {}, t('registrant.title')), message('error', error.message));
        return;
    }
    replace(ctx.root,
        h('p', {class: 'breadcrumb'}, h('a', {href: '#/registry'}, t('registrant.back'))),
        h('h1', {}, r.name || r.id),
        details(FIELDS.map((k) => [t(`registrant.${k}`), value(k, r[k])])),
        attributes(r.attributes),
        r.kind === 'group' ? members(r.members || []) : null);
    if (ctx.can('program_read')) ctx.root.append(benefits(r.id, ctx));
    if (ctx.can('audit_read')) ctx.root.append(await auditTrail(r.id));
}

function value(key, v) {
    if (key === 'kind') return term('registrant.kind', v);
    if (key === 'sex') return term('registrant.sex', v);
    if (key === 'disability') return t(v ? 'common.yes' : 'common.no');
    if (key.endsWith('_at')) return time(v);
    return display(v);
}

function attributes(list) {
    if (!list || !list.length) return null;
    return table(t('registrant.attributes'), [t('registrant.attribute'), t('registrant.attribute_value')],
        list.map((a) => [a.name, a.value]));
}

function members(list) {
    return h('section', {'aria-labelledby': 'members-title'},
        h('h2', {id: 'members-title'}, t('registrant.members')),
        list.length
            ? table(t('registrant.members'), [t('registrant.name'), t('registrant.membership_kind'), t('registrant.birthdate'), t('registrant.sex')],
                list.map((m) => [h('a', {href: `#/registrant/${encodeURIComponent(m.id)}`}, m.name || m.id),
                    term('registrant.membership_kind', m.membership_kind), m.birthdate || '—', term('registrant.sex', m.sex)]))
            : message('info', t('registrant.no_members')));
}

async function auditTrail(id) {
    const node = h('section', {'aria-labelledby': 'audit-title'}, h('h2', {id: 'audit-title'}, t('registrant.audit')));
    try {
        const {events} = await json(`/api/v1/audit${query({record: id, limit: 1000})}`);
        node.append(events.length
            ? table(t('registrant.audit'), [t('audit.at'), t('audit.user'), t('audit.action'), t('audit.changes'), t('audit.reason')],
                events.map((e) => [time(e.at), e.user, e.action, changes(e.before, e.after), e.reason || '—']))
            : message('info', t('registrant.no_audit')));
    } catch (error) {
        node.append(message('error', error.message));
    }
    return node;
}

// The fields an event changed, "field: before → after", one per line.
function changes(before, after) {
    if (!after || typeof after !== 'object') return display(after);
    const old = before && typeof before === 'object' ? before : {};
    const changed = Object.keys(after).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(after[k]));
    if (!changed.length) return '—';
    return h('ul', {class: 'changes'}, changed.map((k) => h('li', {},
        `${k}: ${before ? display(old[k]) : ''}${before ? ' → ' : ''}${display(after[k])}`)));
}
