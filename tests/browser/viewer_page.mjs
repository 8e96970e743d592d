// Opens camtwin's viewer page in Debian's headless Chromium, waits for the live picture of a
// device, clicks a button, and prints what it saw as one JSON line. The C++ test around it
// (tests/integration/http/test_http_browser.cpp) starts camtwin and checks the camera.
//
//   node viewer_page.mjs <base-url> <device> <button-label>
//
// Only the given base URL (127.0.0.1) is opened; Chromium runs with its background traffic off.
import { withChromium } from "./chromium.mjs";

const [baseUrl, device, label] = process.argv.slice(2);
if (!baseUrl || !device || !label) {
  console.error("usage: node viewer_page.mjs <base-url> <device> <button-label>");
  process.exit(2);
}

const seen = { errors: [] };
await withChromium(async (page) => {
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  await page.goto(baseUrl + "/", { waitUntil: "domcontentloaded", timeout: 15000 });

  // The device appears with its live picture: an <img> that has decoded a frame.
  const view = `[data-device="${device}"]`;
  await page.waitForSelector(view, { timeout: 15000 });
  await page.waitForFunction(
    (selector) => {
      const img = document.querySelector(selector + " .picture");
      return img && img.complete && img.naturalWidth > 0;
    }, { timeout: 15000 }, view);
  seen.picture = await page.$eval(view + " .picture",
                                  (img) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  seen.state_before = await page.$eval(view + " .state", (box) => box.textContent);

  await page.click(`${view} button[aria-label="${label}"]`);
  await page.waitForFunction(
    (selector) => document.querySelector(selector + " .message").textContent.includes(": ok"),
    { timeout: 15000 }, view);
  seen.message = await page.$eval(view + " .message", (box) => box.textContent);

  // The state box follows the twin (refreshed every second).
  await page.waitForFunction(
    (selector, before) => document.querySelector(selector + " .state").textContent !== before,
    { timeout: 15000 }, view, seen.state_before);
  seen.state_after = await page.$eval(view + " .state", (box) => box.textContent);
  console.log(JSON.stringify(seen));
}).catch((error) => {
  seen.failure = String(error);
  console.log(JSON.stringify(seen));
  process.exitCode = 1;
});
