import { UpdateUserInput } from './src/index.ts';

const invalid = { AccountId: '  ', UserId: 'u1', LicenseType: 'Gold', Extra: 1 };
let x = 0;
const t0 = performance.now();
for (let i = 0; i < 200000; i++) {
  const r = UpdateUserInput.check(invalid);
  if (!r.ok) x += r.issues.length;
}
console.log('check+issues µs', (performance.now() - t0) / 200);
const t1 = performance.now();
for (let i = 0; i < 200000; i++) {
  const r = UpdateUserInput.check(invalid);
  x += r.ok ? 1 : 0;
}
console.log('check µs', (performance.now() - t1) / 200);
console.log(UpdateUserInput.check(invalid));
