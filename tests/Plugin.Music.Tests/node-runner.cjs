// Runs a MusicFree plugin under Node with the real npm packages (NODE_PATH = host/Plugin.Music/js/node_modules)
// the way the app does: a global env, module.exports. Reads {"plugin", "vars", "calls": [{"method", "args"}]} from
// stdin and writes [{ "ok": true, "result": <JSON.stringify(result)> } | { "ok": false, "error" }] to stdout.
// console goes to stderr so it cannot pollute the results.
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = (...a) => process.stderr.write(a.join(" ") + "\n");
let vars = input.vars || {};
global.env = { getUserVariables: () => JSON.parse(JSON.stringify(vars)), appVersion: "0.5.0", os: "linux", lang: "zh-CN" };
const plugin = require(input.plugin);
(async () => {
  const out = [];
  for (const call of input.calls) {
    try {
      const result = await plugin[call.method](...call.args);
      out.push({ ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
    } catch (e) {
      out.push({ ok: false, error: String(e && e.message || e) });
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
