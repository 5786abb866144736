import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../../src-main/core/audit/index.js';

/**
 * The audit trail hashes each entry's canonical JSON, so the encoding must be one that another
 * implementation can reproduce byte for byte: RFC 8785 (JSON Canonicalization Scheme). These are the
 * test vectors published with the RFC's reference implementation, github.com/cyberphone/
 * json-canonicalization, testdata/input/*.json → testdata/output/*.json (files "structures",
 * "values", "weird", "french"), and the example of RFC 8785 §3.2.2/§3.2.3. Inputs are parsed with
 * JSON.parse, as the audit trail's details are plain JSON values.
 */
const VECTORS: ReadonlyArray<readonly [name: string, input: string, output: string]> = [
  [
    'structures: nested objects, keys sorted by UTF-16 code units, 56.0 → 56',
    '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
    '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
  ],
  [
    'values: ECMAScript number serialisation, string escaping, literals',
    '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
  ],
  [
    'weird: non-ASCII keys sorted by code unit (surrogate pairs included), U+0080 and U+007F unescaped',
    '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
    '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  ],
  [
    'french: sorting ignores the locale',
    '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
    '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
  ],
];

for (const [name, input, output] of VECTORS) {
  test(`RFC 8785 vector ${name}`, () => {
    assert.equal(canonicalJson(JSON.parse(input)), output);
  });
}

test('canonical JSON of an audit entry is independent of key order and leaves out absent values', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }));
  assert.equal(canonicalJson({ a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]}}');
});
