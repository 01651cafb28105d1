// SPDX-License-Identifier: MIT
// What the browser tests share: a demo desk served by the built taio on a
// loopback port with its clock set (TAIO_NOW), Debian's chromium driven by
// playwright-core, logging in, counting a person's interactions, and where
// screenshots go.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = process.env.TAIO_BIN || join(ROOT, "build/src/taio");
export const ARTIFACTS = process.env.TAIO_ARTIFACTS ||
  join(ROOT, "build-test-results/browser");
export const PASSWORD = "browser-test-password-2026";
// A Tuesday afternoon in Tokyo: the demo's agenda is full at this time.
export const NOW = "2026-11-24T14:00:00+09:00";

mkdirSync(ARTIFACTS, { recursive: true });

// Run the CLI on db at now; throws with its stderr when it fails.
export function taio(db, now, args, input) {
  const r = spawnSync(BIN, ["--db", db, ...args], {
    input, encoding: "utf8",
    env: { ...process.env, TAIO_NOW: now, TAIO_PWHASH_COST: "min", LANGUAGE: "en" },
  });
  if (r.status !== 0) {
    throw new Error(`taio ${args.join(" ")}: ${r.stderr}`);
  }
  return r.stdout;
}

// A fresh demo database with a known password for the demo's staff.
export function demoDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "taio-browser-"));
  const db = join(dir, "demo.db");
  taio(db, NOW, ["demo"]);
  for (const login of ["sato", "kimura", "ito", "admin"]) {
    taio(db, NOW, ["--as", "admin", "user", "password", login], PASSWORD + "\n");
  }
  return db;
}

// "taio serve" on db with the clock at now, on port (0: any free one).
// Resolves to { base, port, stop() } once it serves.
export function serve(db, now, port = 0) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(BIN, ["--db", db, "serve", "--listen", `127.0.0.1:${port}`], {
      env: { ...process.env, TAIO_NOW: now, TAIO_PWHASH_COST: "min" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stderr.on("data", (d) => { err += d; });
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        const served = Number(m[1]);
        resolvePromise({
          base: `http://127.0.0.1:${served}`,
          port: served,
          stop: () => new Promise((done) => {
            proc.once("exit", (code) => {
              if (/AddressSanitizer|runtime error:/.test(err)) {
                throw new Error(err);
              }
              done(code);
            });
            proc.kill("SIGTERM");
          }),
        });
      }
    });
    proc.once("exit", (code) => reject(new Error(`taio serve exited ${code}: ${err}`)));
  });
}

// Debian's chromium, headless, with no sandbox (tests run as root).
export function launch() {
  return chromium.launch({
    executablePath: process.env.TAIO_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

// A new browser window in lang ("ja" or "en") at a desktop or phone size,
// failing the test on any script error or console error.
export async function window(browser, { lang = "ja", phone = false } = {}) {
  const context = await browser.newContext({
    locale: lang === "ja" ? "ja-JP" : "en-GB",
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
  });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") {
      page.problems.push(`console: ${m.text()}`);
    }
  });
  page.on("dialog", async (d) => {
    page.problems.push(`a dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  return page;
}

// Log in as login through the login form.
export async function logIn(page, base, login) {
  await page.goto(`${base}/login`);
  await page.fill("#login", login);
  await page.fill("#password", PASSWORD);
  await page.click("button.primary");
  await page.waitForURL(`${base}/`);
}

// Counts what a person does with the mouse and keyboard: each call to
// step() is one interaction (a click, a field typed into, a choice made).
export class Steps {
  constructor() {
    this.list = [];
    this.started = Date.now();
  }

  async step(what, action) {
    this.list.push(what);
    await action();
  }

  get count() {
    return this.list.length;
  }

  get seconds() {
    return (Date.now() - this.started) / 1000;
  }
}

// Keep a measurement for the closing notes and bench-like reports.
export function record(name, value) {
  const file = join(ARTIFACTS, "measurements.json");
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  all[name] = value;
  writeFileSync(file, JSON.stringify(all, null, 2) + "\n");
}

// A full-page screenshot into the artifacts.
export async function shot(page, name) {
  mkdirSync(join(ARTIFACTS, "screenshots"), { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "screenshots", `${name}.png`), fullPage: true });
}
