// SPDX-License-Identifier: MIT
// Every main page in Japanese and English, at desktop and phone widths:
// screenshots kept as artifacts, Japanese drawn with a real CJK font, no
// sideways scrolling on a phone, every form field labelled, the keyboard
// reaching the content first, text contrast at least 4.5:1, and hostile
// text that never runs as script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, NOW, demoDatabase, launch, logIn, serve, shot, taio, window } from "./desk.mjs";

const HOSTILE = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;

let browser;
let db;
let desk;
let hostileCase;

before(async () => {
  browser = await launch();
  db = demoDatabase();
  // Hostile text in the fields the pages show, next to the demo's data.
  taio(db, NOW, ["--as", "admin", "user", "edit", "watanabe", "--name", HOSTILE]);
  taio(db, NOW, ["--as", "sato", "customer", "add", "--name", HOSTILE, "--reading", HOSTILE,
    "--phone", "03-0000-0000", "--notes", HOSTILE]);
  taio(db, NOW, ["--as", "sato", "customer", "flag", "#9", "--kind", "caution", "--reason", HOSTILE]);
  taio(db, NOW, ["--as", "sato", "contact-person", "add", "--customer", "#9", "--name", HOSTILE,
    "--title", HOSTILE]);
  const out = taio(db, NOW, ["--as", "sato", "--json", "case", "open", "--kind", "complaint",
    "--customer", "#9", "--title", HOSTILE, "--reported", HOSTILE, "--eta-text", HOSTILE,
    "--promise-due", "+10m", "--promise-text", HOSTILE, "--promise-to", HOSTILE]);
  hostileCase = JSON.parse(out).number;
  taio(db, NOW, ["--as", "sato", "case", "note", hostileCase, HOSTILE]);
  taio(db, NOW, ["--as", "sato", "user", "presence", "sato", "out", "--reason", HOSTILE,
    "--until", "17:00"]);
  // What the scheduler tells people, for the notifications page.
  taio(db, NOW, ["tick"]);
  desk = await serve(db, NOW);
});

after(async () => {
  await desk?.stop();
  await browser?.close();
});

// The main pages, by name.
const PAGES = {
  dashboard: "/?view=team",
  case: "/cases/2026-0025",
  intake: "/intake?customer=1",
  memo: "/memo?for=takahashi&customer=7",
  customer: "/customers/5",
  customers: "/customers?q=%E3%81%84%E3%81%A1%E3%81%8B%E3%82%8F",
  presence: "/presence",
  settings: "/settings",
  staff: "/settings/users",
  tokens: "/settings/tokens",
  notifications: "/notifications",
  search: "/search?q=%E3%83%8D%E3%83%83%E3%83%88%E3%83%AF%E3%83%BC%E3%82%AF",
  report: "/cases/2026-0018/report",
  checklists: "/settings/checklists",
  metrics: "/metrics?from=2026-06-01",
};

for (const lang of ["ja", "en"]) {
  for (const phone of [false, true]) {
    const size = phone ? "phone" : "desktop";
    test(`main pages in ${lang} on a ${size}: screenshots, glyphs, no sideways scrolling`, async () => {
      const page = await window(browser, { lang, phone });
      await page.goto(`${desk.base}/login`);
      await shot(page, `login-${lang}-${size}`);
      await logIn(page, desk.base, "kimura");
      for (const [name, path] of Object.entries(PAGES)) {
        await page.goto(desk.base + path);
        assert.equal(await page.getAttribute("html", "lang"), lang, name);
        const wide = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(wide <= 1, `${name} scrolls sideways by ${wide}px`);
        await shot(page, `${name}-${lang}-${size}`);
      }
      // Japanese is drawn with an installed CJK font, not boxes.
      const glyphs = await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK JP"', "対応"));
      assert.equal(glyphs, true);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}

test("a case page prints on A4 without the controls", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "kimura");
  await page.goto(`${desk.base}/cases/2026-0025`);
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => [...document.querySelectorAll("form, header.top, .actions")]
    .filter((e) => getComputedStyle(e).display !== "none").length);
  assert.equal(shown, 0);
  assert.ok(await page.isVisible("#timeline"));
  assert.ok(await page.isVisible(".case-head"));
  const pdf = await page.pdf({ format: "A4", path: `${ARTIFACTS}/case-2026-0025.pdf` });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `${pages} A4 pages`);
  await page.context().close();
});

test("hostile text on every page stays text: no script runs", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "kimura");
  const paths = ["/?view=team", `/cases/${hostileCase}`, "/customers/9", "/intake?customer=9",
    "/memo?for=sato&customer=9", "/presence", "/customers?q=script",
    "/search?q=script"];
  for (const path of paths) {
    await page.goto(desk.base + path);
    assert.equal(await page.locator("img[src=x]").count(), 0, path);
    assert.ok((await page.content()).includes("&lt;script&gt;alert(1)&lt;/script&gt;"), path);
  }
  // Type-ahead puts the server's escaped list into the page.
  await page.goto(`${desk.base}/intake`);
  await page.fill("#q", "script");
  await page.waitForSelector("#matches a");
  assert.equal(await page.locator("#matches img").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("every form field has a label and the keyboard reaches the content first", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "kimura");
  for (const path of Object.values(PAGES)) {
    await page.goto(desk.base + path);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea")]
        .filter((e) => e.type !== "hidden")
        .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label"))
        .map((e) => e.name || e.id));
    assert.deepEqual(unlabelled, [], path);
    // Pages whose first job is typing start in their field (autofocus);
    // on the others the first Tab reaches the link past the navigation.
    if (await page.evaluate(() => document.activeElement === document.body)) {
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.className), "skip", path);
    }
  }
  // The case page's actions open and post with the keyboard alone.
  await page.goto(`${desk.base}/cases/2026-0025`);
  await page.focus("#do-note summary");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("キーボードだけで記録");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#timeline$/);
  assert.match(await page.textContent("#timeline"), /キーボードだけで記録/);
  await page.context().close();
});

test("text contrast is at least 4.5:1 on every page", async () => {
  const page = await window(browser);
  await logIn(page, desk.base, "kimura");
  for (const path of [...Object.values(PAGES), "/login"]) {
    await page.goto(desk.base + path);
    const low = await page.evaluate(() => {
      function rgb(text) {
        const m = text.match(/rgba?\(([^)]+)\)/);
        if (!m) { return null; }
        const [r, g, b, a = 1] = m[1].split(",").map(Number);
        return { r, g, b, a };
      }
      function luminance({ r, g, b }) {
        const c = [r, g, b].map((v) => {
          v /= 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
      }
      function background(el) {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0.5) { return c; }
        }
        return { r: 255, g: 255, b: 255 };
      }
      const found = [];
      for (const el of document.querySelectorAll("body *")) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length) { continue; }
        const fg = rgb(getComputedStyle(el).color);
        const l1 = luminance(fg);
        const l2 = luminance(background(el));
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        if (ratio < 4.5) {
          found.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)} "${el.textContent.trim().slice(0, 20)}"`);
        }
      }
      return found;
    });
    assert.deepEqual(low, [], path);
  }
  await page.context().close();
});
