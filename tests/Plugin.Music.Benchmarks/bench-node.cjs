// Node side of the benchmark: the same plugin with the real npm packages (NODE_PATH). Prints JSON timings in ms.
const { performance } = require("perf_hooks");
const path = require("path");
global.env = { getUserVariables: () => ({}), appVersion: "0.5.0", os: "linux", lang: "zh-CN" };
const file = path.resolve(process.argv[2]);
const iterations = Number(process.argv[3] || 200);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let t = performance.now();
let plugin = require(file);
const firstLoad = performance.now() - t;
const reloads = [];
for (let i = 0; i < 20; i++) {
  for (const k of Object.keys(require.cache)) delete require.cache[k];
  t = performance.now();
  plugin = require(file);
  reloads.push(performance.now() - t);
}
(async () => {
  const call = async (name, args) => JSON.parse(JSON.stringify(await plugin[name](...JSON.parse(JSON.stringify(args)))));
  const measure = async (name, args) => {
    for (let i = 0; i < 20; i++) await call(name, args);
    const xs = [];
    for (let i = 0; i < iterations; i++) { const s = performance.now(); await call(name, args); xs.push(performance.now() - s); }
    return median(xs);
  };
  const search = await measure("search", ["q", 1, "music"]);
  const album = await measure("getAlbumInfo", [{ id: "al1", title: "x" }, 1]);
  process.stdout.write(JSON.stringify({ firstLoad, reload: median(reloads), search, album }));
})();
