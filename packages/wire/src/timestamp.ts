/**
 * The timestamp codec: a `Date` to its wire form and back, an RFC 3339 string
 * (`date-time`) or epoch seconds to the millisecond (`unixTimestamp`). One
 * function per direction and format, so a bundle carries only the ones its
 * operations use.
 */
import type { TimestampFormat } from './spec.js';

const valid = (date: Date) => (Number.isNaN(date.getTime()) ? undefined : date);

/** The `Date` an RFC 3339 string stands for, or `undefined` for another value or no valid date. */
export const dateFromText = (value: unknown): Date | undefined =>
  typeof value === 'string' ? valid(new Date(value)) : undefined;

/** The `Date` epoch seconds stand for (to the millisecond), or `undefined` for another value. */
export const dateFromEpoch = (value: unknown): Date | undefined =>
  typeof value === 'number' ? valid(new Date(Math.round(value * 1000))) : undefined;

/** `value`'s wire form when it is a `Date`: an RFC 3339 string, or epoch seconds for `unixTimestamp`; anything else as given. */
export const timestampToWire = (value: unknown, format: TimestampFormat): unknown =>
  value instanceof Date ? (format === 'unixTimestamp' ? value.getTime() / 1000 : value.toISOString()) : value;

/** The `Date` a wire value of `format` stands for, or `undefined` (see {@link dateFromText}, {@link dateFromEpoch}). */
export const timestampFromWire = (value: unknown, format: TimestampFormat): Date | undefined =>
  format === 'unixTimestamp' ? dateFromEpoch(value) : dateFromText(value);
