// The catalogues: French has every English key (and no other), no string is empty, and every key
// the code names literally (t('...')) exists. Keys built at run time (`role.${...}`) are checked
// on screen by the other tests. No server needed.

import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {ROOT} from './harness.mjs';

const WEB = join(ROOT, 'server/console/web');
const catalogue = (lang) => JSON.parse(readFileSync(join(WEB, 'i18n', `${lang}.json`), 'utf8'));

function scripts(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return scripts(path);
        return name.endsWith('.js') ? [path] : [];
    });
}

test('French has exactly the English keys, none empty', () => {
    const en = catalogue('en');
    const fr = catalogue('fr');
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const [lang, strings] of [['en', en], ['fr', fr]]) {
        for (const [key, text] of Object.entries(strings)) assert.ok(text.trim(), `${lang} ${key} is empty`);
    }
});

test('every key the code names is in the catalogue', () => {
    const en = catalogue('en');
    const missing = [];
    for (const file of scripts(WEB)) {
        const source = readFileSync(file, 'utf8');
        for (const [, key] of source.matchAll(/\bt\('([a-z_.]+)'/g)) if (!(key in en)) missing.push(`${file}: ${key}`);
    }
    assert.deepEqual(missing, []);
});

test('no markup from strings: no innerHTML, no inline style or script in the console', () => {
    for (const file of scripts(WEB)) {
        assert.doesNotMatch(readFileSync(file, 'utf8'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
    }
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /style=|<script>(?!<\/script>)|<style/);
});
