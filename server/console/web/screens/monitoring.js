// Monitoring of one program: the figures of GET /api/v1/monitoring/programs/{id} as tables (the
// text every chart stands beside) and charts, and the server's own CSV as a download.
// Every figure cell names its place in the JSON (data-figure) and its format (data-format), so a
// test can check the page against the API figure by figure.

import {json, request, seg} from '../api.js';
import {field, h, message, replace, select} from '../dom.js';
import {money, number, percent, t, term} from '../i18n.js';
import {chart} from '../charts.js';

export async function render(ctx) {
    let programs;
    try {
        programs = (await json('/api/v1/programs')).programs;
    } catch (error) {
        replace(ctx.root, h('h1', {}, t('monitoring.title')), message('error', error.message));
        return null;
    }
    const current = programs.find((p) => p.id === ctx.query.get('program')) || programs[0];
    const chooser = select({name: 'program', onchange: (e) => ctx.setQuery({program: e.target.value})},
        programs.map((p) => [p.id, `${p.code} — ${p.name}`]), current && current.id);
    const body = h('div', {class: 'monitoring'});
    replace(ctx.root, h('h1', {}, t('monitoring.title')),
        h('div', {class: 'filters'}, field(t('monitoring.program'), chooser)), body);
    if (!current) return replace(body, message('info', t('monitoring.no_programs'))), null;
    let figures;
    try {
        figures = await json(`/api/v1/monitoring/programs/${seg(current.id)}`);
    } catch (error) {
        replace(body, message('error', error.message));
        return null;
    }
    const destroyers = [];
    replace(body, downloadButton(current), h('div', {class: 'pair'}, coverage(figures), totals(figures)));
    section(body, 'memberships', (s) => memberships(s, figures, destroyers));
    section(body, 'cycles', (s) => cycles(s, figures, destroyers));
    section(body, 'service_points', (s) => servicePoints(s, figures, destroyers));
    if (Array.isArray(figures.redemptions_per_day)) section(body, 'per_day', (s) => perDay(s, figures, destroyers));
    return () => destroyers.forEach((destroy) => destroy());
}

// A figure as shown, tagged with where it comes from and how it is written.
function fig(figures, path, format) {
    const value = path.split('/').reduce((v, k) => (v == null ? v : v[k]), figures);
    return h('span', {'data-figure': path, 'data-format': format}, formatFigure(value, format));
}

function formatFigure(value, format) {
    if (format === 'percent') return percent(value);
    if (format === 'milli') return number(value / 1000);
    if (format.startsWith('money')) return money(value, format.split(':')[1]);
    return number(value);
}

function section(parent, key, fill) {
    const node = h('section', {'aria-labelledby': `m-${key}`}, h('h2', {id: `m-${key}`}, t(`monitoring.${key}`)));
    parent.append(node);
    fill(node);
}

// The CSV is the server's, byte for byte: fetched with the token, handed to the browser as a file.
function downloadButton(program) {
    const status = h('div', {class: 'form-status'});
    const button = h('button', {type: 'button', class: 'secondary download', onclick: async () => {
        replace(status);
        try {
            const response = await request(`/api/v1/monitoring/programs/${seg(program.id)}?format=csv`);
            const url = URL.createObjectURL(await response.blob());
            const link = h('a', {href: url, download: `monitoring-${program.code}.csv`});
            document.body.append(link);
            link.click();
            link.remove();
            // The browser has taken the file once the click returns; the URL can go soon after.
            setTimeout(() => URL.revokeObjectURL(url), 1000);
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }}, t('monitoring.download'));
    return h('div', {}, button, status);
}

function coverage(f) {
    return h('table', {class: 'figures'}, h('caption', {}, t('monitoring.coverage')),
        h('tbody', {},
            row(t('monitoring.eligible'), fig(f, 'coverage/eligible', 'number')),
            row(t('monitoring.enrolled'), fig(f, 'coverage/enrolled', 'number')),
            row(t('monitoring.rate'), fig(f, 'coverage/rate', 'percent'))));
}

function totals(f) {
    const currency = f.cycles.length ? f.cycles[0].currency : '';
    const m = currency ? `money:${currency}` : 'money';
    return h('table', {class: 'figures'}, h('caption', {}, t('monitoring.totals')),
        h('tbody', {},
            row(t('monitoring.payments_paid'), fig(f, 'payments/paid', 'number')),
            row(t('monitoring.payments_failed'), fig(f, 'payments/failed', 'number')),
            row(t('monitoring.success_rate'), fig(f, 'payments/success_rate', 'percent')),
            row(t('monitoring.budget_total'), fig(f, 'budget/total_minor', m)),
            row(t('monitoring.budget_used'), fig(f, 'budget/used_minor', m)),
            row(t('monitoring.budget_used_ratio'), fig(f, 'budget/used_ratio', 'percent'))));
}

function row(label, value) {
    return h('tr', {}, h('th', {scope: 'row'}, label), h('td', {}, value));
}

function memberships(s, f, destroyers) {
    const states = Object.keys(f.memberships);
    if (!states.length) return s.append(message('info', t('monitoring.none')));
    s.append(h('table', {class: 'figures'}, h('caption', {}, t('monitoring.memberships_by_state')),
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, t('monitoring.state')), h('th', {scope: 'col'}, t('monitoring.count')))),
        h('tbody', {}, states.map((st) => row(term('membership.state', st), fig(f, `memberships/${st}`, 'number'))))));
    destroyers.push(chart(s, t('monitoring.memberships_by_state'), states.map((st) => term('membership.state', st)),
        [{label: t('monitoring.count'), data: states.map((st) => f.memberships[st])}]));
}

function cycles(s, f, destroyers) {
    if (!f.cycles.length) return s.append(message('info', t('monitoring.none')));
    f.cycles.forEach((c, i) => s.append(cycle(f, c, i)));
    const states = [...new Set(f.cycles.flatMap((c) => c.entitlements.map((e) => e.state)))];
    destroyers.push(chart(s, t('monitoring.entitlements_chart'), f.cycles.map((c) => `${c.sequence}. ${c.name}`),
        states.map((st) => ({label: term('entitlement.state', st),
            data: f.cycles.map((c) => (c.entitlements.find((e) => e.state === st) || {count: 0}).count)})),
        {stacked: true}));
}

function cycle(f, c, i) {
    const m = `money:${c.currency}`;
    const p = `cycles/${i}`;
    return h('article', {class: 'cycle', 'aria-labelledby': `cycle-${i}`},
        h('h3', {id: `cycle-${i}`}, t('monitoring.cycle', {sequence: c.sequence, name: c.name, state: term('cycle.state', c.state)})),
        h('table', {class: 'figures'}, h('caption', {}, t('monitoring.entitlements')),
            h('thead', {}, h('tr', {}, [t('monitoring.state'), t('monitoring.count'), t('monitoring.value'), t('monitoring.quantity')]
                .map((x) => h('th', {scope: 'col'}, x)))),
            h('tbody', {}, c.entitlements.map((e, j) => h('tr', {},
                h('th', {scope: 'row'}, term('entitlement.state', e.state)),
                h('td', {}, fig(f, `${p}/entitlements/${j}/count`, 'number')),
                h('td', {}, fig(f, `${p}/entitlements/${j}/value_minor`, m)),
                h('td', {}, fig(f, `${p}/entitlements/${j}/quantity`, 'number')))))),
        h('table', {class: 'figures'}, h('caption', {}, t('monitoring.cycle_money')),
            h('tbody', {},
                row(t('monitoring.budget'), fig(f, `${p}/budget_minor`, m)),
                row(t('monitoring.budget_used'), fig(f, `${p}/budget_used_minor`, m)),
                row(t('monitoring.budget_used_ratio'), fig(f, `${p}/budget_used_ratio`, 'percent')),
                row(t('monitoring.payments_pending'), fig(f, `${p}/payments/pending`, 'number')),
                row(t('monitoring.payments_paid'), fig(f, `${p}/payments/paid`, 'number')),
                row(t('monitoring.payments_failed'), fig(f, `${p}/payments/failed`, 'number')),
                row(t('monitoring.paid_value'), fig(f, `${p}/payments/paid_minor`, m)),
                row(t('monitoring.success_rate'), fig(f, `${p}/payments/success_rate`, 'percent')))));
}

function servicePoints(s, f, destroyers) {
    if (!f.service_points.length) return s.append(message('info', t('monitoring.none')));
    s.append(h('table', {class: 'figures'}, h('caption', {}, t('monitoring.in_kind')),
        h('thead', {}, h('tr', {}, [t('monitoring.service_point'), t('monitoring.entitled'), t('monitoring.redeemed'), t('monitoring.rate')]
            .map((x) => h('th', {scope: 'col'}, x)))),
        h('tbody', {}, f.service_points.map((sp, i) => h('tr', {},
            h('th', {scope: 'row'}, sp.code),
            h('td', {}, fig(f, `service_points/${i}/entitled`, 'number')),
            h('td', {}, fig(f, `service_points/${i}/redeemed`, 'number')),
            h('td', {}, fig(f, `service_points/${i}/redemption_rate`, 'percent')))))));
    destroyers.push(chart(s, t('monitoring.in_kind'), f.service_points.map((sp) => sp.code), [
        {label: t('monitoring.entitled'), data: f.service_points.map((sp) => sp.entitled)},
        {label: t('monitoring.redeemed'), data: f.service_points.map((sp) => sp.redeemed)}]));
}

// Redemptions per day (days without a hand-over are not listed): the count and the quantity,
// which the API gives in thousandths of the entitlements' units.
function perDay(s, f, destroyers) {
    const days = f.redemptions_per_day;
    if (!days.length) return s.append(message('info', t('monitoring.none')));
    s.append(h('table', {class: 'figures'}, h('caption', {}, t('monitoring.per_day')),
        h('thead', {}, h('tr', {}, [t('monitoring.day'), t('monitoring.count'), t('monitoring.quantity')].map((x) => h('th', {scope: 'col'}, x)))),
        h('tbody', {}, days.map((d, i) => h('tr', {},
            h('th', {scope: 'row'}, d.date),
            h('td', {}, fig(f, `redemptions_per_day/${i}/count`, 'number')),
            h('td', {}, fig(f, `redemptions_per_day/${i}/quantity_milli`, 'milli')))))));
    destroyers.push(chart(s, t('monitoring.per_day'), days.map((d) => d.date),
        [{label: t('monitoring.count'), data: days.map((d) => d.count)},
            {label: t('monitoring.quantity'), data: days.map((d) => d.quantity_milli / 1000)}]));
}
