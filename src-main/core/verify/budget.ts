import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * A time budget for one verification. Hostile files are bounded by the PDF reader's limits; this
 * bounds what is left (a legitimate-looking file that is simply enormous, pathological object
 * graphs), so a verification always ends in a result or VERIFY_TIME_LIMIT, never a hang.
 */
export class Budget {
  private readonly deadline: number;
  private calls = 0;

  constructor(readonly limitMs: number) {
    this.deadline = Date.now() + limitMs;
  }

  /** Cheap enough for inner loops: looks at the clock every 256 calls. */
  readonly tick = (): void => {
    if ((++this.calls & 0xff) === 0) this.check();
  };

  /** Throw VERIFY_TIME_LIMIT once the budget is spent. */
  readonly check = (): void => {
    if (Date.now() > this.deadline) throw new InkstoneError('VERIFY_TIME_LIMIT', { seconds: Math.round(this.limitMs / 1000) });
  };
}
