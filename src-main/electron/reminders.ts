import { Notification } from 'electron';
import type { CoreEvent, Language, Reminder } from '../../src-shared/api/index.js';
import type { CoreClient } from '../core/service/index.js';
import { fill, shellStrings, type ShellStrings } from './strings.js';

const POLL_MS = 6 * 60 * 60 * 1000;
const FIRST_CHECK_MS = 15 * 1000;
/** A desktop notification for what is due within a week; the in-app panel covers the whole horizon. */
const NOTIFY_WITHIN_DAYS = 7;

function describe(s: ShellStrings, r: Reminder): string {
  const days = Math.abs(r.daysLeft);
  const params = { days, date: r.date };
  if (r.kind === 'expiry') return r.daysLeft === 0 ? s.expiresToday : fill(r.daysLeft > 0 ? s.expiresIn : s.expired, params);
  return r.daysLeft === 0 ? s.renewalToday : fill(r.daysLeft > 0 ? s.renewalIn : s.renewalPassed, params);
}

/**
 * Poll the core's reminders and raise a native notification for each one newly due (one summary
 * when several are), and tell the window so its reminders panel refreshes.
 */
export function startReminderNotifications(options: {
  core: () => CoreClient | null;
  language: () => Language;
  forward: (event: CoreEvent) => void;
  onClick: () => void;
}): () => void {
  const check = async () => {
    const core = options.core();
    if (!core || !Notification.isSupported()) return;
    // The core remembers what it announced (in the library database), so a reminder is shown once
    // ever, not once per run of the app.
    const result = await core.invoke('reminders.takeDue', { leadDays: NOTIFY_WITHIN_DAYS });
    if (!result.ok) return;
    const fresh = result.value as Reminder[];
    if (!fresh.length) return;
    options.forward({ type: 'reminders.due', reminders: fresh });
    const s = shellStrings(options.language());
    const body =
      fresh.length === 1 ? fill(s.reminderOne, { title: fresh[0].title, when: describe(s, fresh[0]) }) : fill(s.reminderMany, { count: fresh.length });
    const notification = new Notification({ title: s.reminderTitle, body });
    notification.on('click', options.onClick);
    notification.show();
  };
  const first = setTimeout(() => void check(), FIRST_CHECK_MS);
  const timer = setInterval(() => void check(), POLL_MS);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
