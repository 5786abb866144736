import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalUrl } from '../../src-main/electron/security.js';

test('documentation links open in the browser in their normalised form', () => {
  assert.equal(externalUrl('https://docs.inkstone.app/en/'), 'https://docs.inkstone.app/en/');
  assert.equal(externalUrl('https://INKSTONE.app/zh-CN/a%20b'), 'https://inkstone.app/zh-CN/a%20b');
  // The WHATWG parser reads the backslash as a slash (host docs.inkstone.app); other parsers read
  // "docs.inkstone.app\" as a user name and evil.com as the host. Only the parsed form is passed on.
  assert.equal(externalUrl('https://docs.inkstone.app\\@evil.com/'), 'https://docs.inkstone.app/@evil.com/');
  assert.equal(externalUrl(' https://docs.inkstone.app/\t'), 'https://docs.inkstone.app/');
});

test('anything else is not opened', () => {
  for (const url of [
    'http://docs.inkstone.app/',
    'https://docs.inkstone.app.evil.com/',
    'https://evil.com/https://docs.inkstone.app/',
    'https://docs.inkstone.app@evil.com/',
    'https://user:pw@docs.inkstone.app/',
    'https://docs.inkstone.app:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])
    assert.equal(externalUrl(url), null, url);
});
