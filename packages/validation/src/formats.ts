/**
 * The string formats the spec uses, checked by hand-written code so the
 * validators need no format library at run time. Each check is linear.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 `date-time` (JSON Schema's format): real calendar dates, an offset required, a leap second allowed at 23:59 UTC. */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS[month - 1];
  if (days === undefined || day < 1 || day > days || hour > 23 || minute > 59 || second > 60) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  if (second === 60) {
    // a leap second happens at 23:59:60 UTC only
    const offset = m[7] === undefined ? 0 : (m[7] === '+' ? 1 : -1) * (Number(m[8]) * 60 + Number(m[9]));
    const utcMinutes = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
    return utcMinutes === 23 * 60 + 59;
  }
  return true;
}

/** A pragmatic `email` check (one `@`, a dot in the domain, no spaces), linear in length. */
export function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@') || /\s/.test(value)) return false;
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1;
}

/** Formats by JSON Schema name, as Ajv's generated code looks them up. */
export const formats: Record<string, (value: string) => boolean> = {
  'date-time': isDateTime,
  email: isEmail,
};
