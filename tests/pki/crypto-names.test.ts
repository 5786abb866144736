import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  HASH_ALGORITHMS,
  SIGNING_HASH_ALGORITHMS,
  describeSignatureScheme,
  hashLength,
  isHashAlgorithm,
  isSigningHashAlgorithm,
  nodeHashName,
} from '../../src-main/core/crypto-names/index.js';

test('every hash name maps to the Node hash of the stated length', () => {
  for (const alg of HASH_ALGORITHMS) assert.equal(createHash(nodeHashName(alg)).update('x').digest().length, hashLength(alg), alg);
});

test('SHA-1 is read but never written; other spellings and algorithms are neither', () => {
  assert.deepEqual(SIGNING_HASH_ALGORITHMS, ['SHA-256', 'SHA-384', 'SHA-512']);
  assert.equal(isHashAlgorithm('SHA-1'), true);
  assert.equal(isSigningHashAlgorithm('SHA-1'), false);
  for (const other of ['sha256', 'SHA256', 'MD5', 'SM3', '', undefined, 256]) {
    assert.equal(isHashAlgorithm(other), false, String(other));
    assert.equal(isSigningHashAlgorithm(other), false, String(other));
  }
});

test('a scheme reads as a person would name it', () => {
  assert.equal(describeSignatureScheme({ kind: 'rsa-pkcs1', hash: 'SHA-256' }), 'RSA PKCS#1 v1.5 / SHA-256');
  assert.equal(describeSignatureScheme({ kind: 'rsa-pss', hash: 'SHA-384', saltLength: 48 }), 'RSA-PSS / SHA-384');
  assert.equal(describeSignatureScheme({ kind: 'ecdsa', hash: 'SHA-512' }), 'ECDSA / SHA-512');
});
