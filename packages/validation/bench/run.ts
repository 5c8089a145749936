/**
 * @chime-api/validation benchmarks (pnpm bench): ops/sec on valid and invalid
 * UpdateUser inputs and on a full User, beside Zod 4 (an equivalent
 * hand-written schema) and Ajv compiling the same JSON Schemas at run time;
 * and the browser bundle of what an app needs to validate UpdateUser input.
 */
import { join } from 'node:path';
import { loadSpec } from '@chime-api/codegen';
import { bundleSize, kb, measure, report } from '@chime-api/test-kit/bench';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';
import { UpdateUserInput, User } from '../src/index.js';

// --- Zod 4, written by hand to say what the spec says
const nonEmpty = z.string().regex(/.*\S.*/);
const license = z.enum(['Basic', 'Plus', 'Pro', 'ProTrial']);
const userType = z.enum(['PrivateUser', 'SharedDevice']);
const alexa = z.strictObject({
  IsAlexaForBusinessEnabled: z.boolean().optional(),
  AlexaForBusinessRoomArn: z.string().optional(),
});
const zodInput = z.strictObject({
  AccountId: nonEmpty,
  UserId: nonEmpty,
  LicenseType: license.optional(),
  UserType: userType.optional(),
  AlexaForBusinessMetadata: alexa.optional(),
});
const zodUser = z.strictObject({
  UserId: z.string(),
  AccountId: z.string().optional(),
  PrimaryEmail: z
    .string()
    .regex(/.+@.+\..+/)
    .optional(),
  PrimaryProvisionedNumber: z.string().optional(),
  DisplayName: z.string().optional(),
  LicenseType: license.optional(),
  UserType: userType.optional(),
  UserRegistrationStatus: z.enum(['Unregistered', 'Registered', 'Suspended']).optional(),
  UserInvitationStatus: z.enum(['Pending', 'Accepted', 'Failed']).optional(),
  RegisteredOn: z.iso.datetime({ offset: true }).optional(),
  InvitedOn: z.iso.datetime({ offset: true }).optional(),
  AlexaForBusinessMetadata: alexa.optional(),
  PersonalPIN: z.string().optional(),
});

// --- Ajv, compiling the spec's schemas at run time (what this package avoids)
const spec = await loadSpec();
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const defs = JSON.parse(
  JSON.stringify(spec.bundled.components?.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
);
ajv.addSchema({ $id: 'chime', $defs: defs });
const op = spec.operations.find((o) => o.operationId === 'UpdateUser');
const inputSchema = {
  $id: 'input',
  type: 'object',
  required: ['AccountId', 'UserId'],
  additionalProperties: false,
  properties: Object.fromEntries(
    op?.members.map((m) => [
      m.name,
      JSON.parse(JSON.stringify(m.schema).replaceAll('#/components/schemas/', 'chime#/$defs/')),
    ]) ?? [],
  ),
};
const ajvInput = ajv.compile(inputSchema);
const ajvUser = ajv.compile({ $ref: 'chime#/$defs/User' });

const valid = {
  AccountId: 'a1',
  UserId: 'u1',
  LicenseType: 'Pro',
  AlexaForBusinessMetadata: { IsAlexaForBusinessEnabled: true },
};
const invalid = { AccountId: '  ', UserId: 'u1', LicenseType: 'Gold', Extra: 1 };
const example = spec.operations.find((o) => o.operationId === 'UpdateUser')?.success.example as
  | { User: unknown }
  | undefined;
if (!example) throw new Error('benchmark setup: the spec has no UpdateUser success example');
const user = example.User;
for (const [name, ok] of [
  ['ours valid', UpdateUserInput.check(valid).ok],
  ['zod valid', zodInput.safeParse(valid).success],
  ['ajv valid', ajvInput(valid)],
  ['ours invalid', !UpdateUserInput.check(invalid).ok],
  ['zod invalid', !zodInput.safeParse(invalid).success],
  ['ajv invalid', !ajvInput(invalid)],
  ['ours user', User.check(user).ok],
  ['zod user', zodUser.safeParse(user).success],
  ['ajv user', ajvUser(user)],
] as const) {
  if (!ok) throw new Error(`benchmark setup: ${name} gave the wrong verdict`);
}

// Like for like: what a caller reads. Result objects against Zod's safeParse, each side's issues read
// when the value is invalid (ours are built when first read, Zod's during the parse); boolean verdicts
// against Ajv's.
const readOurs = (v: typeof UpdateUserInput, value: unknown) => {
  const result = v.check(value);
  return result.ok ? result.value : result.issues[0]?.message;
};
const readZod = (schema: typeof zodInput, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? result.data : result.error.issues[0]?.message;
};
const groups = {
  'valid input': { value: valid, ours: UpdateUserInput, zod: zodInput, ajv: ajvInput },
  'invalid input': { value: invalid, ours: UpdateUserInput, zod: zodInput, ajv: ajvInput },
  'full User': {
    value: user,
    ours: User as typeof UpdateUserInput,
    zod: zodUser as unknown as typeof zodInput,
    ajv: ajvUser,
  },
};
const r: Record<string, { hz: number }> = {};
for (const [what, g] of Object.entries(groups)) {
  console.log(`\n${what}`);
  Object.assign(
    r,
    await measure(
      {
        [`ours check(): ${what}`]: () => readOurs(g.ours, g.value),
        [`zod 4 safeParse(): ${what}`]: () => readZod(g.zod, g.value),
        [`ours test(): ${what}`]: () => g.ours.test(g.value),
        [`ajv runtime: ${what}`]: () => g.ajv(g.value),
      },
      2_000,
      7,
      100,
    ),
  );
}

const size = await bundleSize(
  `import { UpdateUserInput, validate } from '@chime-api/validation';
   const result = validate(UpdateUserInput, JSON.parse(document.body.dataset.form ?? '{}'));
   console.log(result.ok ? 'ok' : result.issues);`,
  join(import.meta.dirname, '..'),
);
console.log(
  `\nbundle of UpdateUserInput + validate (esbuild, minified, gzip -9): ${kb(size.gzip)} (${kb(size.min)} min)`,
);

const hz = (name: string) => r[name]?.hz as number;
const ratios = [];
for (const what of ['valid input', 'invalid input', 'full User']) {
  ratios.push({
    name: `${what}: ours ÷ Zod 4 (ops/s, results with their issues read)`,
    value: hz(`ours check(): ${what}`) / hz(`zod 4 safeParse(): ${what}`),
    op: '>=' as const,
    target: 3,
    detail: `check() ${Math.round(hz(`ours check(): ${what}`))} vs safeParse() ${Math.round(hz(`zod 4 safeParse(): ${what}`))} ops/s`,
  });
  ratios.push({
    name: `${what}: ours ÷ Ajv compiled at run time (ops/s, verdicts)`,
    value: hz(`ours test(): ${what}`) / hz(`ajv runtime: ${what}`),
    op: '>=' as const,
    target: 0.9,
    detail: `test() ${Math.round(hz(`ours test(): ${what}`))} vs validate() ${Math.round(hz(`ajv runtime: ${what}`))} ops/s`,
  });
}
ratios.push({
  name: 'bundle, KB min+gzip',
  value: size.gzip / 1024,
  op: '<=' as const,
  target: 3,
  detail: kb(size.gzip),
});
report('@chime-api/validation', ratios);
