/**
 * The string formats the spec uses, checked by hand-written code so the
 * validators need no format library at run time. Each check is linear.
 */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of two ASCII digits at `at`, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * RFC 3339 `date-time` (JSON Schema's format): real calendar dates, an offset
 * required, a leap second allowed at 23:59:60 UTC only. Parsed by hand, with
 * no regular expression and no allocation: it runs for every timestamp.
 */
export function isDateTime(value: string): boolean {
  const n = value.length;
  if (n < 20) return false;
  const high = two(value, 0);
  const low = two(value, 2);
  const year = high < 0 || low < 0 ? -1 : high * 100 + low;
  const month = two(value, 5);
  const day = two(value, 8);
  const hour = two(value, 11);
  const minute = two(value, 14);
  const second = two(value, 17);
  const t = value.charCodeAt(10);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    (t !== 84 && t !== 116 && t !== 32) ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS[month - 1] as number))) return false;
  let i = 19;
  if (value.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && digits(value, i, 1) >= 0) i++;
    if (i === start) return false;
  }
  let offset = 0;
  const z = value.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== n) return false;
  } else if (z === 43 || z === 45) {
    const oh = two(value, i + 1);
    const om = two(value, i + 4);
    if (i + 6 !== n || oh < 0 || oh > 23 || om < 0 || om > 59 || value.charCodeAt(i + 3) !== 58) return false;
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return false;
  }
  if (second === 60) {
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
