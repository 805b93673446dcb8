// Login: a wrong password and a lock-out read as text; the token lives in sessionStorage only; the
// language switches; a session that ends sends the user to login and back to the page they were on.

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {assertAccessible, call, consoleUrl, heading, launchBrowser, login, openPage, PASSWORD, screenshot, startFixture, SETUP_TIMEOUT, TEST_TIMEOUT} from './harness.mjs';

let fixture;
let browser;
before(async () => {
    fixture = await startFixture();
    browser = await launchBrowser();
}, {timeout: SETUP_TIMEOUT});
after(async () => {
    await browser?.close();
    await fixture?.stop();
});

test('a wrong password is refused in words, a lock-out says to wait', {timeout: TEST_TIMEOUT}, async () => {
    const {page, guard} = await openPage(browser, fixture);
    await page.goto(consoleUrl(fixture));
    await heading(page, 'Log in');
    await assertAccessible(page, 'login');
    await screenshot(page, 'login');
    await page.getByLabel('User name').fill('manager');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', {name: 'Log in'}).click();
    await assert.doesNotReject(page.getByRole('alert').filter({hasText: 'Wrong user name or password.'}).waitFor());
    // Failures lock the name, 1 s after five, doubling with each failure after a lock: fail until
    // the lock lasts long enough for the browser to meet it. The page says to wait.
    for (let i = 0; i < 20; i++) {
        const answer = await call(fixture, '/api/v1/auth/login', {method: 'POST', body: {username: 'auditor', password: 'wrong'}});
        if (answer.status !== 429) continue;
        const seconds = Number(answer.headers.get('retry-after'));
        if (seconds >= 4) break;
        await new Promise((r) => setTimeout(r, seconds * 1000 + 100));
    }
    await page.getByLabel('User name').fill('auditor');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', {name: 'Log in'}).click();
    await page.getByRole('alert').filter({hasText: 'locked'}).waitFor();
    await screenshot(page, 'login-locked');
    guard.check();
});

test('keyboard login; the token is kept in sessionStorage only; French is one click away', {timeout: TEST_TIMEOUT}, async () => {
    const {page, context, guard} = await openPage(browser, fixture);
    // With the keyboard alone: the login screen puts the focus in the user name field.
    await page.goto(consoleUrl(fixture));
    await heading(page, 'Log in');
    await page.keyboard.type('manager');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Reconciliation queue');
    const stored = await page.evaluate(() => ({token: sessionStorage.getItem('spmis.token'), local: localStorage.length}));
    assert.match(stored.token, /^[0-9a-f]{64}$/);
    assert.equal(stored.local, 0, 'nothing in localStorage');
    assert.deepEqual(await context.cookies(), [], 'no cookie');
    await page.getByLabel('Language').selectOption('fr');
    await heading(page, 'File de rapprochement');
    await page.getByRole('link', {name: 'Suivi'}).waitFor();
    await assertAccessible(page, 'queue in French');
    await screenshot(page, 'queue-fr');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await page.getByLabel('Langue').selectOption('en');
    await heading(page, 'Reconciliation queue');
    guard.check();
});

test('an ended session returns to login, then to the page the user was on', {timeout: TEST_TIMEOUT}, async () => {
    const {page, guard} = await openPage(browser, fixture);
    await login(page, fixture, 'manager');
    await page.getByRole('link', {name: 'Monitoring'}).click();
    await heading(page, 'Program monitoring');
    // The screen has made its calls (programs, then the figures) before the session ends under it.
    await page.locator('[data-figure="coverage/eligible"]').waitFor();
    // The session ends behind the page's back (logout from elsewhere, expiry): the next call gets 401.
    const token = await page.evaluate(() => sessionStorage.getItem('spmis.token'));
    assert.equal((await call(fixture, '/api/v1/auth/logout', {method: 'POST', token})).status, 200);
    await page.getByRole('link', {name: 'Registry'}).click();
    await heading(page, 'Registry');
    await page.getByLabel('Search for').fill('Diallo');
    await page.getByRole('button', {name: 'Search'}).click();
    await heading(page, 'Log in');
    await page.getByText('Your session has ended').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('spmis.token')), null, 'token forgotten');
    await page.getByLabel('User name').fill('manager');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', {name: 'Log in'}).click();
    await heading(page, 'Registry');
    assert.match(page.url(), /#\/registry\?name=Diallo$/);
    await page.getByRole('table', {name: 'Registrants found'}).waitFor();
    guard.check();
});
