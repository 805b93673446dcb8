// A program's page: its rules as the server holds them (CEL text, shown verbatim), coverage, the
// enrollment jobs (job.js) and the cycles, with a form for a new cycle. Buttons follow the
// permissions: enrollment_run runs jobs, finance_manage creates cycles.

import {json, seg} from '../api.js';
import {details, field, h, message, replace, table} from '../dom.js';
import {money, number, parseMoney, percent, t, term, time} from '../i18n.js';
import {jobForm} from './job.js';

export async function render(ctx) {
    let program;
    try {
        program = await json(`/api/v1/programs/${seg(ctx.params.id)}`);
    } catch (error) {
        replace(ctx.root, h('h1', {}, t('program.title')), message('error', error.message), back());
        return null;
    }
    const coverageNode = h('section', {'aria-labelledby': 'coverage-title'});
    const cyclesNode = h('section', {'aria-labelledby': 'cycles-title'});
    // Polling of a running job stops when the user leaves the page.
    const life = {alive: true};
    const showCoverage = () => coverage(coverageNode, program);
    replace(ctx.root, back(), h('h1', {}, `${program.code} — ${program.name}`),
        details([
            [t('program.state'), term('program.state', program.state)],
            [t('program.target'), term('program.target', program.target)],
            [t('program.kind'), term('program.kind', program.kind)],
            program.kind === 'in_kind'
                ? [t('program.item'), `${program.item} (${program.unit || '—'})`]
                : [t('program.currency'), program.currency],
            [t('program.created_at'), time(program.created_at)],
        ]),
        rules(program), coverageNode,
        ctx.can('enrollment_run') && program.state === 'active' ? jobForm(program, life, showCoverage) : null,
        cyclesNode,
        ctx.can('finance_manage') && program.state === 'active' ? cycleForm(ctx, program) : null);
    await Promise.all([showCoverage(), cycles(cyclesNode, program)]);
    return () => { life.alive = false; };
}

const back = () => h('p', {class: 'breadcrumb'}, h('a', {href: '#/programs'}, t('program.back')));

function rules(p) {
    const rule = p.entitlement_rule;
    let amount;
    if (rule.kind === 'cel') amount = h('pre', {class: 'rule'}, h('code', {}, rule.cel));
    else if (p.kind === 'in_kind') amount = `${number(rule.value)} ${p.unit || p.item}`;
    else amount = money(rule.value, p.currency);
    const variables = Object.entries(p.variables || {});
    return h('section', {'aria-labelledby': 'rules-title'},
        h('h2', {id: 'rules-title'}, t('program.rules')),
        h('h3', {}, t('program.eligibility')),
        h('pre', {class: 'rule', 'data-rule': 'eligibility'}, h('code', {}, p.eligibility_cel)),
        p.compliance_cel ? [h('h3', {}, t('program.compliance')), h('pre', {class: 'rule'}, h('code', {}, p.compliance_cel))] : null,
        h('h3', {}, t('program.entitlement', {kind: term('program.rule_kind', rule.kind)})),
        h('div', {'data-rule': 'entitlement'}, amount),
        variables.length
            ? table(t('program.variables'), [t('program.variable'), t('program.variable_cel')], variables.map(([k, v]) => [k, h('code', {class: 'cel'}, v)]))
            : null);
}

// Eligible vs enrolled and memberships by state: the monitoring figures, read again after a job.
async function coverage(node, program) {
    let f;
    try {
        f = await json(`/api/v1/monitoring/programs/${seg(program.id)}`);
    } catch (error) {
        return replace(node, h('h2', {id: 'coverage-title'}, t('program.coverage')), message('error', error.message));
    }
    const states = Object.entries(f.memberships);
    replace(node, h('h2', {id: 'coverage-title'}, t('program.coverage')),
        h('p', {'data-coverage': ''}, t('program.coverage_line', {eligible: number(f.coverage.eligible),
            enrolled: number(f.coverage.enrolled), rate: percent(f.coverage.rate)})),
        states.length
            ? table(t('program.memberships'), [t('program.membership_state'), t('program.count')],
                states.map(([state, n]) => [term('membership.state', state), number(n)]))
            : null);
}

async function cycles(node, program) {
    let list;
    try {
        list = (await json(`/api/v1/programs/${seg(program.id)}/cycles`)).cycles;
    } catch (error) {
        return replace(node, h('h2', {id: 'cycles-title'}, t('program.cycles')), message('error', error.message));
    }
    replace(node, h('h2', {id: 'cycles-title'}, t('program.cycles')),
        list.length
            ? table(t('program.cycles'), ['sequence', 'name', 'start', 'end', 'budget', 'state'].map((k) => t(`cycle.col.${k}`)),
                list.map((c) => [String(c.sequence), h('a', {href: `#/cycle/${encodeURIComponent(c.id)}`}, c.name), c.start, c.end,
                    c.budget ? money(c.budget, c.currency) : t('cycle.no_budget'), term('cycle.state', c.state)]))
            : message('info', t('program.no_cycles')));
}

// A draft cycle; the page of the new cycle opens, where its entitlements are generated.
function cycleForm(ctx, program) {
    const name = h('input', {name: 'name', required: true});
    const start = h('input', {name: 'start', type: 'date', required: true});
    const end = h('input', {name: 'end', type: 'date', required: true});
    const budget = h('input', {name: 'budget', inputmode: 'decimal', autocomplete: 'off'});
    const status = h('div', {class: 'form-status'});
    const cash = program.kind !== 'in_kind';
    return h('form', {class: 'card', 'aria-labelledby': 'new-cycle-title', onsubmit: async (event) => {
        event.preventDefault();
        const body = {name: name.value.trim(), start: start.value, end: end.value};
        if (cash && budget.value.trim()) {
            const minor = parseMoney(budget.value);
            if (minor === null) return replace(status, message('error', t('cycle.budget_invalid')));
            body.budget = minor;
        }
        try {
            const cycle = await json(`/api/v1/programs/${seg(program.id)}/cycles`, {method: 'POST', body});
            ctx.navigate(`#/cycle/${encodeURIComponent(cycle.id)}`);
        } catch (error) {
            replace(status, message('error', error.message));
        }
    }},
    h('h2', {id: 'new-cycle-title'}, t('program.new_cycle')),
    h('div', {class: 'filters'},
        field(t('cycle.name'), name), field(t('cycle.start'), start), field(t('cycle.end'), end),
        cash ? field(t('cycle.budget', {currency: program.currency}), budget, t('cycle.budget_hint')) : null),
    h('button', {type: 'submit', class: 'primary'}, t('program.create_cycle')),
    status);
}
