// Opens camtwin's viewer page with the HLS picture in Debian's headless Chromium, waits until the
// <video> plays, watches it for ten seconds and prints what it saw as one JSON line: readyState,
// currentTime and the decoded and dropped frame counts at both ends. The C++ test around it
// (tests/integration/media/test_media_browser.cpp) starts camtwin and judges the figures.
//
//   node viewer_hls.mjs <base-url> <device>
//
// Only the given base URL (127.0.0.1) is opened; Chromium runs with its background traffic off.
import { withChromium } from "./chromium.mjs";

const [baseUrl, device] = process.argv.slice(2);
if (!baseUrl || !device) {
  console.error("usage: node viewer_hls.mjs <base-url> <device>");
  process.exit(2);
}

const settleMs = 3000;
const watchMs = 10000;
const seen = { errors: [] };
const sample = (selector) => {
  const video = document.querySelector(selector + " .video");
  const quality = video.getVideoPlaybackQuality();
  return { readyState: video.readyState, currentTime: video.currentTime,
           decoded: quality.totalVideoFrames, dropped: quality.droppedVideoFrames,
           width: video.videoWidth, player: window.Hls ? "hls.js" : "native" };
};
await withChromium(async (page) => {
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  await page.goto(baseUrl + "/?picture=hls", { waitUntil: "domcontentloaded", timeout: 15000 });
  const view = `[data-device="${device}"]`;
  await page.waitForSelector(view, { timeout: 15000 });
  await page.waitForFunction(
    (selector) => {
      const video = document.querySelector(selector + " .video");
      return video && video.readyState === 4 && video.currentTime > 0;
    }, { timeout: 45000, polling: 200 }, view);
  // The first seconds belong to the player's start (buffering to its live edge); the ten seconds
  // watched follow them.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  seen.start = await page.evaluate(sample, view);
  await new Promise((resolve) => setTimeout(resolve, watchMs));
  seen.end = await page.evaluate(sample, view);
  seen.message = await page.$eval(view + " .message", (box) => box.textContent);
  console.log(JSON.stringify(seen));
}, ["--autoplay-policy=no-user-gesture-required", "--disable-gpu-vsync",
    "--disable-frame-rate-limit"]).catch((error) => {
  seen.failure = String(error);
  console.log(JSON.stringify(seen));
  process.exitCode = 1;
});
