/**
 * @chime-api/validation benchmarks (pnpm bench): ops/sec on valid and invalid
 * UpdateUser inputs and on a full User, beside Zod 4 (an equivalent
 * hand-written schema) and Ajv compiling the same JSON Schemas at run time;
 * and the browser bundle of what an app needs to validate UpdateUser input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSize, kb, measure, report } from '@chime-api/test-kit/bench';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { build as viteBuild } from 'vite';
import { parse } from 'yaml';
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
// the spec's schemas as written (they refer to nothing outside the file): no generator involved
type Schema = { $ref?: string; properties?: Record<string, unknown> };
type Parameter = { name: string; in: string; 'x-member-name'?: string; schema: unknown };
const spec = parse(readFileSync(join(import.meta.dirname, '../../../specs/chime/openapi.yaml'), 'utf8')) as {
  paths: Record<
    string,
    Record<
      string,
      { operationId?: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components: { schemas: Record<string, Schema> };
};
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const defs = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
ajv.addSchema({ $id: 'chime', $defs: defs });
const op = Object.values(spec.paths)
  .flatMap((item) => Object.values(item))
  .find((o) => o.operationId === 'UpdateUser');
const body = op?.requestBody?.content['application/json']?.schema;
const bodySchema = body?.$ref ? spec.components.schemas[body.$ref.split('/').pop() as string] : body;
// the flat input: path members (their x-member-name) and body members at one level, as the client takes it
const members: [string, unknown][] = [
  ...(op?.parameters ?? [])
    .filter((p) => p.in === 'path')
    .map((p): [string, unknown] => [p['x-member-name'] ?? p.name, p.schema]),
  ...Object.entries(bodySchema?.properties ?? {}),
];
const inputSchema = {
  $id: 'input',
  type: 'object',
  required: ['AccountId', 'UserId'],
  additionalProperties: false,
  properties: Object.fromEntries(
    members.map(([name, schema]) => [
      name,
      JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', 'chime#/$defs/')),
    ]),
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
// the spec's success example of UpdateUser (the file its 200 response refers to)
const example = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../specs/chime/examples/update-user-200.json'), 'utf8')) as {
    value?: { User: unknown };
  }
).value;
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
  `import { UpdateUserInputSchema, validate } from '@chime-api/validation';
   const result = validate(UpdateUserInputSchema, JSON.parse(document.body.dataset.form ?? '{}'));
   console.log(result.ok ? 'ok' : result.issues);`,
  join(import.meta.dirname, '..'),
);
console.log(
  `\nbundle of UpdateUserInput + validate (esbuild, minified, gzip -9): ${kb(size.gzip)} (${kb(size.min)} min)`,
);

// The first-load chunk of an app whose client validates (a lazy import) and which imports one validator
// itself: the shared validation modules must not drag every validator up front. Built with Vite (Rolldown),
// what such an app uses: esbuild's splitting assigns whole files to chunks, so any validator a lazily
// loaded module may reach lands up front beside the one imported, however the modules are cut.
const clientCall = `import { createChimeClient } from '@chime-api/client';
   const chime = createChimeClient({ validate: 'request' });
   document.body.onclick = () => chime.updateUser({ AccountId: 'a1', UserId: 'u1' });`;
const validatorCall = `import { UpdateUserInputSchema, validate } from '@chime-api/validation';
   console.log(validate(UpdateUserInputSchema, JSON.parse(document.body.dataset.form ?? '{}')).ok);`;
const [both, clientAlone, validatorAlone] = [
  await firstLoad(`${clientCall}\n${validatorCall}`),
  await firstLoad(clientCall),
  await firstLoad(validatorCall),
];
console.log(
  `first load (Vite), client with validate + UpdateUserInputSchema imported directly: ${kb(both)}; client alone ${kb(clientAlone)}, validator alone ${kb(validatorAlone)}`,
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
ratios.push({
  // every validator up front (the flaw this guards against) measured 2.6x: 6.5 KB where 2.5 KB was imported
  name: 'first load: what importing UpdateUserInputSchema beside a validating client adds ÷ that validator alone (gzip)',
  value: (both - clientAlone) / validatorAlone,
  op: '<=' as const,
  target: 1.2,
  detail: `${kb(both)} − ${kb(clientAlone)} vs ${kb(validatorAlone)}`,
});
report('@chime-api/validation', ratios);

/** Gzip bytes of what a Vite build of `code` loads up front: the entry chunk and the chunks it imports statically. */
async function firstLoad(code: string): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'chime-vite-'));
  try {
    writeFileSync(join(root, 'index.html'), '<script type="module" src="./main.ts"></script>');
    writeFileSync(join(root, 'main.ts'), code);
    const packages = join(import.meta.dirname, '../..');
    const result = await viteBuild({
      root,
      logLevel: 'silent',
      configFile: false,
      resolve: {
        // the entries alone: the client's own import of '@chime-api/validation/loaders' resolves as installed
        alias: [
          { find: /^@chime-api\/client$/, replacement: join(packages, 'client/dist/index.js') },
          { find: /^@chime-api\/validation$/, replacement: join(packages, 'validation/dist/index.js') },
        ],
      },
      build: { write: false, minify: true, modulePreload: false },
    });
    const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
    for (const out of (Array.isArray(result) ? result : [result]) as { output: unknown[] }[])
      for (const item of out.output as {
        type: string;
        fileName: string;
        code: string;
        imports: string[];
        isEntry: boolean;
      }[])
        if (item.type === 'chunk') chunks.set(item.fileName, item);
    const upFront = new Set<string>();
    const visit = (name: string) => {
      if (upFront.has(name)) return;
      upFront.add(name);
      for (const next of chunks.get(name)?.imports ?? []) visit(next);
    };
    for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
    return [...upFront].reduce((sum, name) => sum + gzipSync(chunks.get(name)?.code ?? '', { level: 9 }).length, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
