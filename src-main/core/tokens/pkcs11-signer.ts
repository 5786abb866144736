import { InkstoneError } from '../../../src-shared/errors/index.js';
import { issuingChain } from './certificates.js';
import { CK, type CryptokiLoader, type Handle } from './cryptoki.js';
import { chooseSigningKey, type SigningKey } from './key-selection.js';
import { planSignature, type SignaturePlan } from './mechanisms.js';
import { tokenError, type TokenContext } from './pkcs11-errors.js';
import { logIn, type PinSource } from './pkcs11-login.js';
import { Pkcs11Module } from './pkcs11-module.js';
import { describeKeyAlgorithm, kindFitsKey, type KeyDescription, type Signer, type SignParams } from './signer.js';
import type { TokenSelector, TokenSummary } from './token-info.js';
import { readTokenObjects, type KeySelector } from './token-objects.js';
import { closeSessionQuietly, guardToken, openTokenSession, type TokenSession } from './token-session.js';

export interface Pkcs11SignerOptions extends PinSource {
  /** Path of the PKCS#11 module (the token vendor's middleware library). */
  readonly module: string;
  readonly token?: TokenSelector;
  readonly key?: KeySelector;
  /**
   * Replaces pkcs11js; for tests that need a token in states real ones reach only by mishap.
   * Loaded modules are shared per loader function: pass the same function each time.
   */
  readonly loader?: CryptokiLoader;
}

/**
 * Open a signing key on a PKCS#11 token: find the token, log in once, pick the key and its
 * certificate, and keep the session open so that a batch of signatures costs one PIN entry.
 * Close the signer when the batch is done; closing the session logs the user out.
 */
export async function openPkcs11Signer(options: Pkcs11SignerOptions): Promise<Signer> {
  const module = Pkcs11Module.acquire(options.module, options.loader);
  let opened: TokenSession | undefined;
  try {
    const ts = (opened = openTokenSession(module, options.token));
    if (ts.token.flags.loginRequired) await logIn(ts, options, 'login');
    const objects = guardToken(ts, 'C_FindObjects', () => readTokenObjects(ts.api, ts.session));
    const key = chooseSigningKey(objects.records, options.key ?? {}, ts.token.label);
    const mechanisms = new Set(guardToken(ts, 'C_GetMechanismList', () => ts.api.C_GetMechanismList(ts.slot)));
    return new Pkcs11Signer(module, ts, key, issuingChain(key.certificate, objects.certificates), mechanisms, options);
  } catch (err) {
    if (opened) closeSessionQuietly(opened, opened.session);
    module.release();
    throw err;
  }
}

class Pkcs11Signer implements Signer {
  readonly certificate: Uint8Array;
  readonly keyAlgorithm: SigningKey['keyAlgorithm'];
  readonly assurance: Signer['assurance'];
  readonly keyDescription: KeyDescription;
  private readonly plans = new Map<string, SignaturePlan | undefined>();
  private queue: Promise<unknown> = Promise.resolve();
  private state: 'open' | 'removed' | 'closed' = 'open';

  private readonly ctx: TokenContext;
  private readonly token: TokenSummary;
  private session: Handle;

  constructor(
    private readonly module: Pkcs11Module,
    opened: TokenSession,
    private readonly key: SigningKey,
    readonly chain: readonly Uint8Array[],
    private readonly mechanisms: ReadonlySet<number>,
    private readonly pins: PinSource,
  ) {
    const { token, session, ...ctx } = opened;
    this.ctx = ctx;
    this.token = token;
    this.session = session;
    const priv = key.record.entry.privateKey!;
    this.certificate = key.certificate;
    this.keyAlgorithm = key.keyAlgorithm;
    // Art. 13(1) needs a key that cannot leave the device; a token that lets it out is no better than a file.
    this.assurance = priv.sensitive && !priv.extractable ? 'hardware-token' : 'software-key';
    this.keyDescription = {
      provider: 'pkcs11',
      tokenLabel: token.label,
      tokenSerial: token.serial,
      manufacturer: token.manufacturer,
      model: token.model,
      keyLabel: key.record.entry.label,
      keyId: key.record.entry.id,
      extractable: priv.extractable,
      sensitive: priv.sensitive,
      alwaysAuthenticate: priv.alwaysAuthenticate,
    };
  }

  async sign(data: Uint8Array, params: SignParams): Promise<Uint8Array> {
    if (this.state === 'closed') throw new InkstoneError('TOKEN_SIGNER_CLOSED');
    if (!kindFitsKey(params.kind, this.keyAlgorithm)) {
      throw new InkstoneError('TOKEN_SCHEME_MISMATCH', { scheme: params.kind, keyAlgorithm: describeKeyAlgorithm(this.keyAlgorithm) });
    }
    const plan = this.planFor(params);
    // One operation at a time per session: PKCS#11 sessions are not re-entrant.
    const run = this.queue.then(() => this.signNow(plan, data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    await this.queue;
    closeSessionQuietly(this.ctx, this.session);
    this.module.release();
  }

  private planFor(params: SignParams): SignaturePlan {
    const cacheKey = `${params.kind}/${params.hash}`;
    if (!this.plans.has(cacheKey)) this.plans.set(cacheKey, planSignature(params, this.keyAlgorithm, this.mechanisms));
    const plan = this.plans.get(cacheKey);
    if (!plan) throw new InkstoneError('TOKEN_MECHANISM_UNSUPPORTED', { token: this.token.label, mechanism: `${params.kind} ${params.hash}` });
    return plan;
  }

  private async signNow(plan: SignaturePlan, data: Uint8Array): Promise<Uint8Array> {
    if (this.state === 'removed') throw new InkstoneError('TOKEN_REMOVED', { token: this.token.label });
    const { api } = this.ctx;
    const input = plan.input(data);
    let stage: 'C_SignInit' | 'C_Login' | 'C_Sign' = 'C_SignInit';
    try {
      api.C_SignInit(this.session, plan.mechanism, this.key.record.keyHandle);
      if (this.keyDescription.alwaysAuthenticate) {
        stage = 'C_Login';
        await logIn({ ...this.ctx, session: this.session, token: this.token, keyLabel: this.keyDescription.keyLabel }, this.pins, 'signature');
      }
      stage = 'C_Sign';
      const out = Buffer.alloc(plan.outputLength);
      const answer = this.module.threadSafe ? await api.C_SignAsync(this.session, input, out) : api.C_Sign(this.session, input, out);
      return plan.output(answer);
    } catch (err) {
      const error = tokenError(err, this.ctx, stage, plan.name);
      if (error.code === 'TOKEN_REMOVED') this.state = 'removed';
      else if (stage !== 'C_SignInit') this.replaceSession();
      throw error;
    }
  }

  /**
   * A signing operation left initialised (a cancelled or wrong context PIN) would make the next
   * C_SignInit fail. Open a fresh session before closing the old one: login state belongs to the
   * application, so it survives as long as one session stays open.
   */
  private replaceSession(): void {
    try {
      const fresh = this.ctx.api.C_OpenSession(this.ctx.slot, CK.CKF_SERIAL_SESSION);
      closeSessionQuietly(this.ctx, this.session);
      this.session = fresh;
    } catch {
      // Keep the old session; the next signature reports whatever is wrong with the token.
    }
  }
}
