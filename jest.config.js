const jestJupyterLab = require('@jupyterlab/testutils/lib/jest-config');

// JupyterLab's own list, plus what @jupyterlab/notebook pulls in (see ENVIRONMENT.md).
const esModules = [
  '@codemirror',
  '@jupyter/ydoc',
  '@jupyterlab/',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@microsoft',
  'exenv-es6',
  'lib0',
  'marked',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

// Options that jest accepts only at the top level, not per project.
const {
  reporters: _reporters,
  testTimeout: _testTimeout,
  coverageReporters: _coverageReporters,
  coverageDirectory: _coverageDirectory,
  ...labConfig
} = jestJupyterLab(__dirname);

// The test environments (.venv, .venv-jl42, .venv-rtc) hold JupyterLab's own package.json files.
const modulePathIgnorePatterns = ['<rootDir>/\\.venv'];

module.exports = {
  projects: [
    {
      // The pure core and the CLI run in plain Node, as they do for users.
      displayName: 'core',
      testEnvironment: 'node',
      testRegex: 'src/(core|cli|bench)/.*\\.spec\\.ts$',
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: './tsconfig.test.json' }]
      },
      moduleFileExtensions: ['ts', 'js', 'json', 'cjs'],
      modulePathIgnorePatterns
    },
    {
      displayName: 'lab',
      ...labConfig,
      testRegex: 'src/lab/.*\\.spec\\.tsx?$',
      transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`],
      modulePathIgnorePatterns
    }
  ],
  reporters: ['default'],
  testTimeout: 30000
};
