#!/usr/bin/env node
/*
 * Exports notebooks with the compiled core (`jlpm build:cli` writes it to cli/), for the
 * Python-side export tests and the corpus benchmark.
 *
 * Reads a JSON list of jobs on stdin:
 *   [{"notebook": "path.ipynb", "options": {"format": "script", ...}, "history": [...]}]
 * (`options` as IExportOptions, `notebookName` defaults to the file name; `history` the
 * execution records for "as-run") and writes a JSON list of {"text", "warnings"} or
 * {"error"} on stdout, one per job.
 */
const fs = require('fs');
const path = require('path');

const { exportNotebook } = require('../cli/core/export/index.js');
const { EnglishFindings } = require('../cli/core/findings.js');
const { parseNotebook } = require('../cli/core/notebook.js');

function run(job) {
  try {
    const notebook = parseNotebook(fs.readFileSync(job.notebook, 'utf8'));
    const options = {
      notebookName: path.basename(job.notebook),
      ...job.options
    };
    const result = exportNotebook(notebook.cells, options, {
      executions: job.history
    });
    // Warnings are data; the tests read them in English, as the CLI prints them.
    const english = new EnglishFindings(notebook.cells);
    return {
      ...result,
      warnings: result.warnings.map(warning => english.exportWarning(warning))
    };
  } catch (error) {
    return { error: String(error && error.stack ? error.stack : error) };
  }
}

const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(jobs.map(run)));
