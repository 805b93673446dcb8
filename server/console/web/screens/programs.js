// The programs: one row each with its kind, target and state; a program's page holds its rules,
// enrollment jobs and cycles (program.js).

import {json} from '../api.js';
import {h, message, replace, table} from '../dom.js';
import {t, term} from '../i18n.js';

export async function render(ctx) {
    let programs;
    try {
        programs = (await json('/api/v1/programs')).programs;
    } catch (error) {
        replace(ctx.root, h('h1', {}, t('programs.title')), message('error', error.message));
        return;
    }
    const list = programs.length
        ? table(t('programs.list'), ['code', 'name', 'target', 'kind', 'state'].map((k) => t(`programs.col.${k}`)),
            programs.map((p) => [
                h('a', {href: `#/program/${encodeURIComponent(p.id)}`}, p.code),
                p.name,
                term('program.target', p.target),
                term('program.kind', p.kind),
                term('program.state', p.state),
            ]), {class: 'programs'})
        : message('info', t('programs.none'));
    replace(ctx.root, h('h1', {}, t('programs.title')), list);
}
