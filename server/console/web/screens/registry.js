// Registry search: by name prefix, national id or external id (the API's own matching), an id
// going straight to its page. The search lives in the address so Back returns to the results.

import {json, query} from '../api.js';
import {field, h, message, replace, select} from '../dom.js';
import {t, term} from '../i18n.js';

const PAGE = 50;
const MODES = ['name', 'national_id', 'external_id'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function render(ctx) {
    const mode = MODES.find((m) => ctx.query.has(m)) || 'name';
    const text = ctx.query.get(mode) || '';
    const input = h('input', {name: 'q', type: 'search', value: text, required: true});
    const by = select({name: 'by'}, MODES.map((m) => [m, t(`registry.by.${m}`)]), mode);
    const results = h('div', {class: 'results'});
    const form = h('form', {class: 'filters', role: 'search', onsubmit: (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (UUID.test(value)) return ctx.navigate(`#/registrant/${encodeURIComponent(value)}`);
        ctx.setQuery({[by.value]: value});
    }},
    field(t('registry.by'), by),
    field(t('registry.query'), input, t('registry.hint')),
    h('button', {type: 'submit', class: 'primary'}, t('registry.search')));
    replace(ctx.root, h('h1', {}, t('registry.title')), form, results);
    if (!text) return;
    await search(results, {[mode]: text});
}

async function search(results, params) {
    const tbody = h('tbody');
    const more = h('button', {type: 'button', class: 'secondary'}, t('registry.more'));
    let cursor = '';
    const loadPage = async () => {
        more.disabled = true;
        try {
            const page = await json(`/api/v1/registrants${query({...params, limit: PAGE, cursor})}`);
            for (const r of page.registrants) tbody.append(resultRow(r));
            cursor = page.next_cursor || '';
            more.hidden = !cursor;
            if (!tbody.children.length) replace(results, message('info', t('registry.none')));
        } catch (error) {
            replace(results, message('error', error.message));
        } finally {
            more.disabled = false;
        }
    };
    more.addEventListener('click', loadPage);
    replace(results, h('table', {class: 'registrants'},
        h('caption', {}, t('registry.results')),
        h('thead', {}, h('tr', {}, ['name', 'kind', 'external_id', 'national_id', 'birthdate']
            .map((k) => h('th', {scope: 'col'}, t(`registrant.${k}`))))),
        tbody), more);
    await loadPage();
}

function resultRow(r) {
    return h('tr', {'data-registrant': r.id},
        h('td', {}, h('a', {href: `#/registrant/${encodeURIComponent(r.id)}`}, r.name || r.id)),
        h('td', {}, term('registrant.kind', r.kind)),
        h('td', {}, r.external_id || '—'),
        h('td', {}, r.national_id || '—'),
        h('td', {}, r.birthdate || '—'));
}
