// npm test runs this between the unit and the integration tests: a machine without the real
// servers fails here with one clear line, instead of skipping the tests that need them.
import { accessSync, constants } from 'node:fs';

const needed = {
  '/usr/bin/prometheus': 'prometheus',
  '/usr/bin/prometheus-alertmanager': 'prometheus-alertmanager',
  '/usr/bin/prometheus-node-exporter': 'prometheus-node-exporter',
  '/usr/bin/chromium': 'chromium',
};
const missing = Object.entries(needed)
  .filter(([bin]) => {
    try {
      accessSync(bin, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  })
  .map(([, pkg]) => pkg);
if (missing.length) {
  console.error(`integration and e2e tests need real servers: sudo apt-get install ${missing.join(' ')}  (or run .ci/run)`);
  process.exit(1);
}
