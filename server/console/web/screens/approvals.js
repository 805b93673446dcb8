// The approvals inbox: what waits for this user now (directly or by delegation), approved and
// rejected requests for reference, each with its history; approve or reject with a comment.
// Delegations given and received: create one, and end one given before its last day.
// Who may decide is the approval chain's business: the server answers 403 to anyone else.

import {json, query, seg} from '../api.js';
import {field, h, message, replace, select, table} from '../dom.js';
import {t, term, time} from '../i18n.js';
import {loadLookups, named} from '../lookups.js';

const STATES = ['pending', 'approved', 'rejected', 'cancelled'];

export async function render(ctx) {
    const state = STATES.includes(ctx.query.get('state')) ? ctx.query.get('state') : 'pending';
    const lookups = await loadLookups(ctx);
    const chooser = select({name: 'state', onchange: (e) => ctx.setQuery({state: e.target.value})},
        STATES.map((s) => [s, t(`approvals.state.${s}`)]), state);
    const list = h('div', {class: 'results'});
    const notice = h('div', {class: 'form-status'});
    const delegations = h('section', {'aria-labelledby': 'delegations-title'});
    replace(ctx.root, h('h1', {}, t('approvals.title')), h('div', {class: 'filters'}, field(t('approvals.show'), chooser)),
        notice, list, delegations);
    // The confirmation appears once the list shows the decision's effect, not before.
    const reload = async (text) => {
        await showList(list, state, lookups, reload);
        replace(notice, text ? message('success', text) : null);
    };
    await Promise.all([reload(null), showDelegations(delegations, {username: ctx.me.username, mine: true})]);
}

// Delegations I gave or received with a form to hand my approvals to someone for a few days
// (`mine`), or, for an administrator, every delegation, each of which they may end.
export async function showDelegations(node, options) {
    const delegate = h('input', {name: 'delegate', required: true, autocomplete: 'off'});
    const from = h('input', {name: 'from', type: 'date', required: true});
    const until = h('input', {name: 'until', type: 'date', required: true});
    const reason = h('input', {name: 'reason'});
    const status = h('div', {class: 'form-status'});
    const form = h('form', {class: 'inline', onsubmit: async (event) => {
        event.preventDefault();
        try {
            await json('/api/v1/delegations', {method: 'POST',
                body: {delegate: delegate.value, from: from.value, until: until.value, reason: reason.value}});
            await showDelegations(node, options);
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }},
    field(t('delegations.delegate'), delegate), field(t('delegations.from'), from), field(t('delegations.until'), until),
    field(t('delegations.reason'), reason), h('button', {type: 'submit', class: 'secondary'}, t('delegations.create')));
    let rows = [];
    try {
        rows = (await json('/api/v1/delegations')).delegations;
    } catch (error) {
        status.append(message('error', error.message));
    }
    const reload = async (text) => {
        await showDelegations(node, options);
        if (text) node.querySelector('.form-status').append(message('success', text));
    };
    const mayEnd = (d) => !options.mine || d.delegator === options.username;
    // The administrator's screen has its own h1 with this id.
    replace(node, options.mine ? h('h2', {id: 'delegations-title'}, t('delegations.title')) : null,
        rows.length
            ? h('table', {},
                h('caption', {}, t('delegations.title')),
                h('thead', {}, h('tr', {}, [t('delegations.delegator'), t('delegations.delegate'), t('delegations.from'),
                    t('delegations.until'), t('delegations.reason'), t('delegations.state'), t('delegations.actions')]
                    .map((text) => h('th', {scope: 'col'}, text)))),
                h('tbody', {}, rows.map((d) => delegationRow(d, mayEnd(d), status, reload))))
            : message('info', t(options.mine ? 'delegations.none' : 'delegations.none_at_all')),
        options.mine ? [h('h3', {}, t('delegations.new')), form] : null, status);
}

// One delegation; the one who gave it, or an administrator, may end it while it is scheduled or active.
function delegationRow(d, mayEnd, status, reload) {
    const state = d.state === 'ended'
        ? t('delegations.ended_by', {user: d.ended_by, at: time(d.ended_at)}) : term('delegations.state', d.state);
    const endable = mayEnd && (d.state === 'active' || d.state === 'scheduled');
    const end = endable ? h('button', {type: 'button', class: 'secondary',
        'aria-label': t('delegations.end_label', {delegate: d.delegate, from: d.from, until: d.until}),
        onclick: async () => {
            try {
                await json(`/api/v1/delegations/${seg(d.id)}/end`, {method: 'POST', body: {}});
                await reload(t('delegations.ended'));
            } catch (error) {
                replace(status, message('error', error.message));
            }
        }}, t('delegations.end')) : '—';
    return h('tr', {'data-delegation': d.id},
        [d.delegator, d.delegate, d.from, d.until, d.reason || '—', state, end].map((c) => h('td', {}, c)));
}

async function showList(list, state, lookups, reload) {
    let approvals;
    try {
        approvals = (await json(`/api/v1/approvals${query({state})}`)).approvals;
    } catch (error) {
        return replace(list, message('error', error.message));
    }
    if (!approvals.length) return replace(list, message('info', t(`approvals.none.${state}`)));
    replace(list, approvals.map((a) => card(a, lookups, reload)));
}

function card(a, lookups, reload) {
    const historyBox = h('div', {class: 'history'});
    const historyToggle = h('details', {ontoggle: async (e) => {
        if (!e.target.open || historyBox.childNodes.length) return;
        try {
            const full = await json(`/api/v1/approvals/${seg(a.id)}`);
            replace(historyBox, full.history.length
                ? table(t('approvals.history'), [t('approvals.at'), t('approvals.actor'), t('approvals.verdict'), t('approvals.comment')],
                    full.history.map((d) => [time(d.at), d.on_behalf_of ? t('approvals.for', {actor: d.actor, other: d.on_behalf_of}) : d.actor,
                        term('approval.verdict', d.verdict), d.comment || '—']))
                : message('info', t('approvals.no_history')));
        } catch (error) {
            replace(historyBox, message('error', error.message));
        }
    }}, h('summary', {}, t('approvals.history')), historyBox);
    return h('article', {class: 'card approval', 'data-approval': a.id, 'aria-labelledby': `ap-${a.id}`},
        h('h2', {id: `ap-${a.id}`}, `${term('approval.action', a.action)} — ${named(lookups.programs, a.program_id)}`),
        h('p', {}, t('approvals.summary', {requester: a.requester, at: time(a.created_at), level: a.current_level, levels: a.levels.length,
            kind: a.record_kind, record: a.record_id})),
        a.state === 'pending' ? decideForm(a, reload) : h('p', {}, t('approvals.decided', {state: t(`approvals.state.${a.state}`), at: time(a.decided_at)})),
        historyToggle);
}

function decideForm(a, reload) {
    const comment = h('textarea', {name: 'comment', rows: 2});
    const status = h('div', {class: 'form-status'});
    const decide = (verdict) => async () => {
        try {
            await json(`/api/v1/approvals/${seg(a.id)}/${verdict}`, {method: 'POST', body: {comment: comment.value}});
            await reload(t(`approvals.done.${verdict}`));
        } catch (error) {
            replace(status, message('error', error.message));
        }
    };
    return h('div', {class: 'decide'},
        field(t('approvals.comment'), comment),
        h('div', {class: 'buttons'},
            h('button', {type: 'button', class: 'primary', onclick: decide('approve')}, t('approvals.approve')),
            h('button', {type: 'button', class: 'danger', onclick: decide('reject')}, t('approvals.reject'))),
        status);
}
