/**
 * A string's length in code points, as JSON Schema counts `minLength` and
 * `maxLength` (a surrogate pair is one): what Ajv's `ajv/dist/runtime/ucs2length`
 * computes. Ajv's standalone code reaches its own with `require()`, even as
 * ESM (ajv-validator/ajv#2209), and the validators ship without Ajv, so the
 * generator points them here.
 */
export function ucs2length(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    length++;
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}
