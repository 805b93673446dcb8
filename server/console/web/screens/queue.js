// The reconciliation queue: open (or resolved) cases by type, program and service point, with the
// open count per type and cursor pages. Filters live in the address, so a reload or a link keeps them.

import {json, query} from '../api.js';
import {field, h, message, replace, select} from '../dom.js';
import {age, t, term, time} from '../i18n.js';
import {CASE_TYPES, loadLookups, named} from '../lookups.js';

const PAGE = 50;

export async function render(ctx) {
    const filters = {
        status: ctx.query.get('status') || 'open',
        type: ctx.query.get('type') || '',
        program: ctx.query.get('program') || '',
        service_point: ctx.query.get('service_point') || '',
    };
    const counts = h('div', {class: 'counts'});
    const results = h('div', {class: 'results'});
    const lookups = await loadLookups(ctx);
    replace(ctx.root, h('h1', {}, t('queue.title')), filterForm(ctx, filters, lookups), counts, results);
    const tbody = h('tbody');
    const more = h('button', {type: 'button', class: 'secondary'}, t('queue.more'));
    let cursor = '';
    const loadPage = async () => {
        more.disabled = true;
        try {
            const page = await json(`/api/v1/reconciliation${query({...filters, limit: PAGE, cursor})}`);
            if (!cursor) replace(counts, countList(page.counts, filters));
            for (const c of page.cases) tbody.append(caseRow(c, filters.status, lookups));
            cursor = page.next_cursor || '';
            more.hidden = !cursor;
            if (!tbody.children.length) replace(results, message('info', t('queue.empty')));
        } catch (error) {
            results.append(message('error', error.message));
        } finally {
            more.disabled = false;
        }
    };
    more.addEventListener('click', loadPage);
    replace(results, h('table', {class: 'cases'},
        h('caption', {}, t(filters.status === 'resolved' ? 'queue.caption.resolved' : 'queue.caption.open')),
        h('thead', {}, h('tr', {}, columns(filters.status).map((c) => h('th', {scope: 'col'}, c)))),
        tbody), more);
    await loadPage();
}

function filterForm(ctx, filters, lookups) {
    const status = select({name: 'status'}, [['open', t('case.status.open')], ['resolved', t('case.status.resolved')]], filters.status);
    const type = select({name: 'type'}, [['', t('queue.all')], ...CASE_TYPES.map((k) => [k, term('case.type', k)])], filters.type);
    const program = select({name: 'program'}, [['', t('queue.all')],
        ...[...lookups.programs.values()].map((p) => [p.id, `${p.code} — ${p.name}`])], filters.program);
    const point = select({name: 'service_point'}, [['', t('queue.all')],
        ...[...lookups.servicePoints.values()].map((s) => [s.id, `${s.code} — ${s.name}`])], filters.service_point);
    return h('form', {class: 'filters', onsubmit: (event) => {
        event.preventDefault();
        ctx.setQuery({status: status.value, type: type.value, program: program.value, service_point: point.value});
    }},
    field(t('queue.filter.status'), status),
    field(t('queue.filter.type'), type),
    field(t('queue.filter.program'), program),
    lookups.servicePoints.size ? field(t('queue.filter.service_point'), point) : null,
    h('button', {type: 'submit', class: 'primary'}, t('queue.filter.apply')));
}

// Cases per type matching the other filters; each count filters the queue to its type.
function countList(counts, filters) {
    const entries = Object.entries(counts || {});
    if (!entries.length) return null;
    return h('section', {'aria-labelledby': 'counts-title'},
        h('h2', {id: 'counts-title'}, t('queue.counts')),
        h('ul', {class: 'count-list'}, entries.map(([type, n]) => h('li', {},
            h('a', {href: `#/queue${query({...filters, type})}`, 'data-type': type},
                h('span', {class: 'count'}, String(n)), ' ', term('case.type', type))))));
}

function columns(status) {
    const common = [t('queue.col.type'), t('queue.col.summary'), t('queue.col.service_point'), t('queue.col.program')];
    return status === 'resolved'
        ? [...common, t('queue.col.decision'), t('queue.col.decided_by'), t('queue.col.resolved_at')]
        : [...common, t('queue.col.age')];
}

function caseRow(c, status, lookups) {
    const cells = [
        h('a', {href: `#/case/${encodeURIComponent(c.id)}`}, term('case.type', c.type)),
        c.summary,
        named(lookups.servicePoints, c.service_point_id),
        named(lookups.programs, c.program_id),
    ];
    if (status === 'resolved') {
        cells.push(c.decision ? term('decision', c.decision.action) : '—', c.decided_by || '—', time(c.resolved_at));
    } else {
        cells.push(h('span', {title: time(c.created_at)}, age(c.created_at)));
    }
    return h('tr', {'data-case': c.id}, cells.map((cell) => h('td', {}, cell)));
}
