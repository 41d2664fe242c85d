/**
 * Galata's base configuration, adapted to Debian's Chromium on machines without a
 * Playwright browser download (see ../../shared/ENVIRONMENT.md).
 *
 * FRESH_UI picks the server the tests run against (scripts/test.sh runs each in turn):
 * - `lab` (default): the newest JupyterLab, every Galata spec;
 * - `oldest`: the oldest supported JupyterLab, smoke.spec.ts (plain Playwright);
 * - `notebook`: Notebook 7, smoke.spec.ts;
 * - `collaboration`: JupyterLab with jupyter-collaboration, collaboration.spec.ts.
 * FRESH_UI_JUPYTER is the `jupyter` command of the target's environment (default: on PATH).
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const OWN_SERVER_SPECS = ['**/smoke.spec.ts', '**/collaboration.spec.ts'];
const TARGETS = {
  lab: { port: 8888, app: 'lab', testIgnore: OWN_SERVER_SPECS },
  oldest: { port: 8889, app: 'lab', testMatch: '**/smoke.spec.ts' },
  notebook: { port: 8890, app: 'tree', testMatch: '**/smoke.spec.ts' },
  collaboration: {
    port: 8891,
    app: 'lab',
    testMatch: '**/collaboration.spec.ts'
  }
};
const name = process.env.FRESH_UI || 'lab';
const target = TARGETS[name];
if (!target) {
  throw new Error(`FRESH_UI=${name}: expected one of ${Object.keys(TARGETS)}`);
}
const { port, app, ...selection } = target;
const baseURL = `http://localhost:${port}`;
const jupyter = process.env.FRESH_UI_JUPYTER || 'jupyter';
const serverApp = app === 'tree' ? 'notebook' : 'lab';

module.exports = {
  ...baseConfig,
  ...selection,
  timeout: 120000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `playwright-report/${name}` }]
  ],
  outputDir: `test-results/${name}`,
  use: {
    ...baseConfig.use,
    baseURL,
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.FRESH_CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: {
    command: `FRESH_UI_PORT=${port} ${jupyter} ${serverApp} --config jupyter_server_test_config.py`,
    url: `${baseURL}/${app}`,
    timeout: 180 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
