import { Reminder } from '../../../src-shared/api/index.js';
import { sql, type LibraryContext } from './context.js';

// Expiry and renewal dates coming due, for the reminders panel and the desktop notification.

/** Expiry and renewal dates from `today` up to `horizonDays` ahead, soonest first; past-due live contracts too. */
export function reminders(ctx: LibraryContext, today: string, horizonDays: number): Reminder[] {
  const until = addDays(today, horizonDays);
  const rows = sql(
    ctx,
    `SELECT id, title, 'expiry' AS kind, expiry_date AS date FROM contracts
         WHERE expiry_date IS NOT NULL AND expiry_date <= ? AND status NOT IN ('archived','terminated')
       UNION ALL
       SELECT id, title, 'renewal' AS kind, renewal_date AS date FROM contracts
         WHERE renewal_date IS NOT NULL AND renewal_date <= ? AND renewal_date >= ? AND status NOT IN ('archived','terminated')
       ORDER BY date, title`,
  ).all(until, until, addDays(today, -horizonDays)) as Array<{ id: string; title: string; kind: 'expiry' | 'renewal'; date: string }>;
  return rows
    .map((r) => Reminder.parse({ contractId: r.id, title: r.title, kind: r.kind, date: r.date, daysLeft: daysBetween(today, r.date) }))
    .filter((r) => r.kind === 'renewal' || r.daysLeft >= -horizonDays);
}

/** Reminders that have come due (within `leadDays`) and were not yet notified; marks them notified. */
export function takeDueNotifications(ctx: LibraryContext, today: string, leadDays: number): Reminder[] {
  return ctx.db.transaction(() => {
    const due = reminders(ctx, today, leadDays).filter(
      (r) => !sql(ctx, 'SELECT 1 FROM reminder_notices WHERE contract_id = ? AND kind = ? AND date = ?').get(r.contractId, r.kind, r.date),
    );
    const mark = sql(ctx, 'INSERT INTO reminder_notices (contract_id, kind, date, notified_at) VALUES (?, ?, ?, ?)');
    for (const r of due) mark.run(r.contractId, r.kind, r.date, new Date().toISOString());
    return due;
  })();
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}
