// Cold start to the unlock screen: launch the app on a binder through
// tauri-driver and time until "Who are you?" is on screen. Includes the
// driver's own start-up, so it is an upper bound. Prints the median of N
// launches (the first, which fills the OS file cache, is not counted).
import { Driver } from "./webdriver.mjs";

const WD = process.env.WD_URL;
const APP = process.env.APP;
const N = Number(process.env.RUNS ?? 7);
const times = [];
for (let i = 0; i <= N; i++) {
  const t0 = performance.now();
  const d = await Driver.start(WD, APP);
  await d.find("//h2[text()='Who are you?']", 30_000);
  const ms = performance.now() - t0;
  await d.quit();
  if (i > 0) times.push(ms);
  console.log(`${i === 0 ? "warm-up" : `run ${i}`}: ${ms.toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${N} launches (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
