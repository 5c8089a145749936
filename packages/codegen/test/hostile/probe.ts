/**
 * The script the hostile suite runs in a child Node process (tree.ts's
 * probeTree). It imports every generated package (a payload that ran sets
 * `globalThis.PWNED`), then uses them: each operation through the client
 * against the generated mocks, its validator on a valid and an invalid
 * input, an error through the mocks into the client's typed exception, and
 * (with the SDK) each operation through the SDK. It prints one JSON line.
 */
export interface ProbedOperation {
  method: string;
  validator: string;
  errorCode: string;
  input: Record<string, unknown>;
}

export const probeScript = (operations: ProbedOperation[], { sdk = false } = {}) => `
const client = await import('../client/index.js');
const validation = await import('../validation/index.js');
const mocks = await import('./index.js');
const sdk = ${sdk} ? await import('../sdk/index.js') : undefined;
const afterImport = globalThis.PWNED ?? null;
const { setupServer } = await import('msw/node');
const chimeMocks = mocks.createChimeMocks();
const server = setupServer(...chimeMocks.handlers);
server.listen({ onUnhandledRequest: 'error' });
const chime = client.createChimeClient({ retry: false });
const apis = sdk ? Object.values(sdk.createChimeSdk({ retry: false })) : [];
const results = {};
for (const { method, input, validator, errorCode } of ${JSON.stringify(operations)}) {
  const result = (results[method] = { method: typeof chime[method], standalone: typeof client[method] });
  result.valid = validation.validators[validator].check(input).ok;
  result.invalid = validation.validators[validator].check({ ...input, AccountId: 42 }).ok;
  try {
    const output = await chime[method](input);
    result.status = output.$metadata.httpStatusCode;
    result.output = output;
  } catch (error) {
    result.error = String(error);
  }
  server.use(chimeMocks[method].error(errorCode, { once: true }));
  result.thrown = await chime[method](input).then(
    () => 'nothing',
    (error) => (error instanceof client.exceptionClasses[errorCode] ? error.name : String(error)),
  );
  if (sdk) {
    const api = apis.find((a) => typeof a[method] === 'function');
    result.sdk = await (api ? api[method]({ accountId: input.AccountId }) : Promise.reject(new Error('no SDK method'))).then(
      (output) => Object.keys(output).sort(),
      (error) => String(error),
    );
  }
}
server.close();
const tables = Object.fromEntries(
  Object.entries(client.operations).map(([name, op]) => [name, { paginator: op.paginator, hostPrefix: op.hostPrefix }]),
);
const proto = Object.getOwnPropertyDescriptor(validation.validators, '__proto__')?.value;
const protoValidator = proto ? [proto.check({ Name: 'ok' }).ok, proto.check({ Name: 'too long' }).ok] : null;
console.log(JSON.stringify({ afterImport, pwned: globalThis.PWNED ?? null, signing: client.signing, endpoint: client.defaultEndpoint, tables, protoValidator, results }));
`;
