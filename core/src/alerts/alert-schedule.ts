/** `--every 5m`: how often the alert is evaluated, as a duration and as the Quartz cron Alerts v2 takes. */

export interface AlertSchedule {
  /** As written back to people: `5m`, `1h`, `1d`. */
  text: string;
  seconds: number;
  quartzCron: string;
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

export const DEFAULT_ALERT_EVERY = '5m';

/** Minutes 1–59, hours 1–23, or `1d`: the periods a Quartz expression repeats exactly. */
export function parseSchedule(text: string): AlertSchedule {
  const match = /^\s*(\d+)\s*(m|min|h|d)\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : NaN;
  const unit = match?.[2]?.toLowerCase();
  if (unit === 'm' || unit === 'min') {
    if (amount >= 1 && amount <= 59) return { text: `${amount}m`, seconds: amount * 60, quartzCron: `0 0/${amount} * * * ?` };
  } else if (unit === 'h') {
    if (amount >= 1 && amount <= 23) return { text: `${amount}h`, seconds: amount * 3600, quartzCron: `0 0 0/${amount} * * ?` };
  } else if (unit === 'd') {
    if (amount === 1) return { text: '1d', seconds: 86400, quartzCron: '0 0 0 * * ?' };
  }
  throw new ScheduleError(`--every '${text}': give minutes (1m–59m), hours (1h–23h) or 1d`);
}
