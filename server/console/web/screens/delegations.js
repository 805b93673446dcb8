// Every delegation, for an administrator: they hold no program_read (so no approvals inbox), yet
// they are the ones who end a delegation when its delegator cannot (left, on leave, dismissed).

import {h, replace} from '../dom.js';
import {t} from '../i18n.js';
import {showDelegations} from './approvals.js';

export async function render(ctx) {
    const list = h('section', {'aria-labelledby': 'delegations-title'});
    replace(ctx.root, h('h1', {id: 'delegations-title'}, t('delegations.all_title')), list);
    await showDelegations(list, {username: ctx.me.username, mine: false});
}
