// npm test runs this between the unit and the integration tests. The integration and e2e tests
// need real Debian servers; where they are missing and this user can install them, they are
// installed (as .ci/run does), otherwise this fails with one clear line. Nothing is skipped.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const needed = {
  '/usr/bin/prometheus': 'prometheus',
  '/usr/bin/prometheus-alertmanager': 'prometheus-alertmanager',
  '/usr/bin/prometheus-node-exporter': 'prometheus-node-exporter',
  '/usr/bin/chromium': 'chromium',
  // the kiosk e2e runs Chromium non-headless on an Xvfb display and reads its window with xwininfo
  '/usr/bin/Xvfb': 'xvfb',
  '/usr/bin/xdpyinfo': 'x11-utils',
  '/usr/bin/victoria-metrics': 'victoria-metrics',
};

function missing() {
  return Object.entries(needed)
    .filter(([bin]) => {
      try {
        accessSync(bin, constants.X_OK);
        return false;
      } catch {
        return true;
      }
    })
    .map(([, pkg]) => pkg);
}

let absent = missing();
const canInstall = absent.length > 0 && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
if (canInstall) {
  console.error(`installing the servers the integration tests run: apt-get install ${absent.join(' ')} (a few minutes)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...absent], { stdio: 'inherit', env });
  absent = missing();
}
if (absent.length) {
  console.error(`integration and e2e tests need real servers: sudo apt-get install ${absent.join(' ')}  (or run .ci/run)`);
  process.exit(1);
}
