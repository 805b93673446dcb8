// Login with an existing account. Wrong credentials and the lock-out after repeated failures are
// told apart, so a locked-out user knows to wait rather than retype.

import {ApiError, json, session} from '../api.js';
import {field, h, message, replace} from '../dom.js';
import {t} from '../i18n.js';

export async function render(ctx) {
    const username = h('input', {name: 'username', autocomplete: 'username', required: true});
    const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
    const status = h('div', {class: 'form-status'});
    const submit = h('button', {type: 'submit', class: 'primary'}, t('login.submit'));
    const form = h('form', {class: 'card login', onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        replace(status);
        try {
            const answer = await json('/api/v1/auth/login', {method: 'POST', anonymous: true,
                body: {username: username.value, password: password.value}});
            session.set(answer.token);
            await ctx.loggedIn();
        } catch (error) {
            replace(status, message('error', loginError(error)));
            password.value = '';
            password.focus();
        } finally {
            submit.disabled = false;
        }
    }},
    h('h1', {}, t('login.title')),
    // Say why the user is back here: a session a 401 ended, or a role with no screen in the console.
    ctx.expired ? message('info', t('login.expired')) : null,
    ctx.me ? message('info', t('login.no_screens', {role: t(`role.${ctx.me.role}`)})) : null,
    field(t('login.username'), username),
    field(t('login.password'), password),
    status,
    submit);
    replace(ctx.root, form);
    username.focus();
}

function loginError(error) {
    if (!(error instanceof ApiError)) return t('error.network');
    if (error.status === 401) return t('login.wrong');
    if (error.status === 429) return t('login.locked', {seconds: error.retryAfter ?? '?'});
    return error.message;
}
