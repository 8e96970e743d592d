// Debian's Chromium, headless, for the browser tests: a fresh profile, background traffic off,
// and the profile removed afterwards. Only the pages a test opens are fetched (127.0.0.1).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

// Runs use(page) in a new Chromium and closes it whatever happens; extraArgs add switches.
export async function withChromium(use, extraArgs = []) {
  const profile = mkdtempSync(join(tmpdir(), "camtwin-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", ...extraArgs],
  });
  try {
    return await use(await browser.newPage());
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
