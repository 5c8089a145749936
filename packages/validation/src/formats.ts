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

/** RFC 3339 `full-date` (JSON Schema's `date`): `2026-02-29` is refused, `2024-02-29` is not. */
export function isDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = two(value, 5);
  const day = two(value, 8);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] as number));
}

const isHex = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);

/** RFC 9562 `uuid`: 32 hex digits in groups of 8-4-4-4-12 (any version, either case). */
export function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? code !== 45 : !isHex(code)) return false;
  }
  return true;
}

/**
 * RFC 3986 `uri`: a scheme (a letter, then letters, digits, `+`, `-`, `.`),
 * `:`, then URI characters only (no spaces, no `<>"{}|\^\``, each `%` followed
 * by two hex digits). Linear, no regular expression.
 */
export function isUri(value: string): boolean {
  const colon = value.indexOf(':');
  if (colon < 1) return false;
  for (let i = 0; i < colon; i++) {
    const code = value.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!letter && (i === 0 || !((code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46)))
      return false;
  }
  for (let i = colon + 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 37) {
      if (!isHex(value.charCodeAt(i + 1)) || !isHex(value.charCodeAt(i + 2))) return false;
      i += 2;
    } else if (code <= 32 || code >= 127 || '<>"{}|\\^`'.includes(value[i] as string)) {
      return false;
    }
  }
  return true;
}

/** Formats by JSON Schema name, as Ajv's generated code looks them up. */
export const formats: Record<string, (value: string) => boolean> = {
  date: isDate,
  'date-time': isDateTime,
  email: isEmail,
  uri: isUri,
  uuid: isUuid,
};

/** OpenAPI's `int32`: a whole number from -2^31 to 2^31 - 1. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** OpenAPI's `int64`: a whole number from -2^63 to 2^63 - 1 (beyond 2^53 a JavaScript number is already rounded). */
const TWO_TO_63 = 2 ** 63;
export function isInt64(value: number): boolean {
  return Number.isInteger(value) && value >= -TWO_TO_63 && value < TWO_TO_63;
}

/** OpenAPI's `float` and `double`: any finite number (JSON has no other). */
export function isFiniteNumber(value: number): boolean {
  return Number.isFinite(value);
}

/** The formats of numbers (OpenAPI's), by name: Ajv checks them on numbers only. */
export const numberFormats: Record<string, (value: number) => boolean> = {
  double: isFiniteNumber,
  float: isFiniteNumber,
  int32: isInt32,
  int64: isInt64,
};
