// Node side of the benchmark: the same plugin with the real npm packages (NODE_PATH). Prints JSON: per measure the
// median wall time of one call and the process CPU time per call (user + system), in ms.
const { performance } = require("perf_hooks");
const path = require("path");
global.env = { getUserVariables: () => ({}), appVersion: "0.5.0", os: "linux", lang: "zh-CN" };
const file = path.resolve(process.argv[2]);
const iterations = Number(process.argv[3] || 200);
const budgetMs = Number(process.argv[4] || 3000);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = performance.now();
let c = cpuMs();
let plugin = require(file);
const firstLoad = { wall: performance.now() - t, cpu: cpuMs() - c };
// --first-load: this fresh process's first load only (the benchmark runs several and takes the median).
if (process.argv[3] === "--first-load") {
  process.stdout.write(JSON.stringify(firstLoad));
  process.exit(0);
}
const reloads = [];
c = cpuMs();
for (let i = 0; i < 20; i++) {
  for (const k of Object.keys(require.cache)) delete require.cache[k];
  t = performance.now();
  plugin = require(file);
  reloads.push(performance.now() - t);
}
const reload = { wall: median(reloads), cpu: (cpuMs() - c) / 20 };
(async () => {
  const call = async (name, args) => JSON.parse(JSON.stringify(await plugin[name](...JSON.parse(JSON.stringify(args)))));
  const measure = async (name, args) => {
    const w = performance.now();
    for (let i = 0; i < 5; i++) await call(name, args);
    const per = (performance.now() - w) / 5;
    const n = Math.max(5, Math.min(iterations, Math.ceil(budgetMs / Math.max(per, 0.001))));
    const xs = [];
    const c0 = cpuMs();
    for (let i = 0; i < n; i++) { const s = performance.now(); await call(name, args); xs.push(performance.now() - s); }
    return { wall: median(xs), cpu: (cpuMs() - c0) / n, n };
  };
  const out = { firstLoad, reload };
  out.trivial = await measure("search", ["q", 1, "music"]);
  out.cheerio = await measure("search", ["cheerio", 1, "music"]);
  out.crypto = await measure("getLyric", [{ id: "s1" }]);
  out.album = await measure("getAlbumInfo", [{ id: "al1", title: "x" }, 1]);
  process.stdout.write(JSON.stringify(out));
})();
