import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The binaries `npm run tools` provides (or the ones named by TEMPORAL_CLI_PATH / MONGOD_PATH). */
export const toolPaths = {
  temporal: path.resolve(root, process.env.TEMPORAL_CLI_PATH ?? '.tools/bin/temporal'),
  mongod: path.resolve(root, process.env.MONGOD_PATH ?? '.tools/mongodb/mongod'),
  /** The SCIM conformance suite (scim2-cli + scim2-tester), installed by `tools.sh --with-browser`. */
  scim2: path.resolve(root, '.tools/scim2/bin/scim2'),
  /** The API contract tester schemathesis, installed by `tools.sh --with-browser`. */
  schemathesis: path.resolve(root, '.tools/schemathesis/bin/st'),
  /** The Java SDK's time-skipping test server (Maven Central), installed by `tools.sh --with-browser`. */
  temporalTestServer: path.resolve(root, '.tools/bin/temporal-test-server'),
};
