// Lighthouse for tests/test_lighthouse.py: one Node process and one Chromium for every page.
//
//   node tests/lighthouse.mjs '<chromium flags as a JSON list>'
//
// reads one JSON request a line on stdin and answers each with one line on stdout, starting
// with "@@lighthouse " (Lighthouse may log to stdout too):
//
//   {"command": "gather", "url": U, "categories": [...], "artifacts": DIR}
//       loads U once (unthrottled: the mobile preset simulates its throttling), keeping what
//       Lighthouse gathered in DIR; answers {"benchmarkIndex": N}
//   {"command": "audit", "url": U, "categories": [...], "artifacts": DIR, "slowdown": X,
//    "report": FILE}
//       audits what DIR holds (for all or some of the categories gathered) with a CPU
//       slowdown of X, writes the JSON report to FILE; answers {}
//
// A failure answers {"error": "..."}. Chromium is started with the first gather, with
// CHROME_PATH, and stopped when stdin closes.
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const chromeFlags = JSON.parse(process.argv[2] ?? "[]");
const SKIPPED = ["bf-cache"];
let chrome = null;

async function gather(request) {
  chrome ??= await chromeLauncher.launch({ chromeFlags });
  await lighthouse(request.url, {
    port: chrome.port,
    onlyCategories: request.categories,
    gatherMode: request.artifacts,
    // Only the report's picture of the whole page, which no check reads: a long page's is slow.
    disableFullPageScreenshot: true,
    // Nor does any check read whether the page would be kept in the back-forward cache, a
    // diagnostic that counts for no score: finding out navigates away and back (0.3 s a page).
    skipAudits: SKIPPED,
    logLevel: "error",
  });
  const artifacts = JSON.parse(await readFile(`${request.artifacts}/artifacts.json`, "utf8"));
  return { benchmarkIndex: artifacts.BenchmarkIndex };
}

async function audit(request) {
  // The page was loaded unthrottled, so the slowdown recorded with the artifacts is only what
  // Lighthouse checks the audit's settings against: it must be the audit's. So must the
  // categories, which may be fewer than those gathered.
  const path = `${request.artifacts}/artifacts.json`;
  const artifacts = JSON.parse(await readFile(path, "utf8"));
  artifacts.settings.throttling.cpuSlowdownMultiplier = request.slowdown;
  artifacts.settings.onlyCategories = request.categories;
  await writeFile(path, JSON.stringify(artifacts));
  const result = await lighthouse(request.url, {
    onlyCategories: request.categories,
    auditMode: request.artifacts,
    throttling: { cpuSlowdownMultiplier: request.slowdown },
    disableFullPageScreenshot: true, // as gathered: the settings must not change
    skipAudits: SKIPPED,
    output: "json",
    logLevel: "error",
  });
  await writeFile(request.report, result.report);
  return {};
}

const commands = { gather, audit };

function answer(reply) {
  process.stdout.write(`@@lighthouse ${JSON.stringify(reply)}\n`);
}

try {
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    try {
      const request = JSON.parse(line);
      const command = commands[request.command];
      if (!command) throw new Error(`unknown command ${request.command}`);
      answer(await command(request));
    } catch (error) {
      answer({ error: String(error?.stack ?? error) });
    }
  }
} finally {
  await chrome?.kill();
  // Lighthouse leaves handles open that keep Node alive for seconds after stdin closes.
  process.exit();
}
