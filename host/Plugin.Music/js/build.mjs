// Bundles each npm package that MusicFree offers its plugins into one CommonJS file, dist/<name>.js, so the
// V8 sandbox can `require` it without a module resolver or any Node built-in. The code is the packages' own
// (pinned by package-lock.json); only esbuild's CommonJS wrapper is added. Run by Plugin.Music.csproj after `npm ci`.
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";

// name plugins pass to require() -> what the bundle exports
const libraries = {
  "axios": "axios",
  "cheerio": "cheerio",
  "crypto-js": "crypto-js",
  "dayjs": "dayjs",
  "qs": "qs",
  "he": "he",
  "big-integer": "big-integer",
  // webdav as MusicFree runs it (its React Native build: TARGET below), from the package's ES modules so that its one
  // fetch import can be pointed at the sandbox's transport. The bundle exports (fetch) => webdav; the prelude calls it.
  "webdav": { contents: "const transport = require(\"./shims/webdav-fetch.js\"); const webdav = require(\"webdav/dist/node/index.js\");\n" +
      "module.exports = (fetch) => { transport.useTransport(fetch); return webdav; };",
    alias: { "@buttercup/fetch": "./shims/webdav-fetch.js", "http": "./shims/no-node.js", "https": "./shims/no-node.js", "stream": "./shims/no-node.js", "util": "./shims/no-node.js" },
    define: { "TARGET": '"react-native"' } },
  // Not offered to require(): the sandbox prelude makes globals of these, as Node and browsers have them
  // (Buffer; atob/btoa; URL and URLSearchParams; TextEncoder/TextDecoder, UTF-8 only). core-js-pure's URL and
  // URLSearchParams are spec implementations that leave the engine's own built-ins alone; they are bundled together so
  // that new URL(...).searchParams is an instance of the same URLSearchParams the global names.
  "buffer": "buffer",
  "base-64": "base-64",
  "url": ["core-js-pure/web/url", "URL", "core-js-pure/web/url-search-params", "URLSearchParams"],
  "text-encoding-utf-8": "text-encoding-utf-8",
};

// A package's export as the bundle's module.exports; or, for [package, name, package, name ...], an object of them;
// or an entry of its own ({ contents, alias, define }).
function entry(specifier) {
  if (typeof specifier === "object" && !Array.isArray(specifier)) return specifier.contents;
  if (typeof specifier === "string") return `module.exports = require(${JSON.stringify(specifier)});`;
  const parts = [];
  for (let i = 0; i < specifier.length; i += 2) parts.push(`${JSON.stringify(specifier[i + 1])}: require(${JSON.stringify(specifier[i])})`);
  return `module.exports = { ${parts.join(", ")} };`;
}

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
for (const [name, specifier] of Object.entries(libraries)) {
  await build({
    stdin: { contents: entry(specifier), resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    // "browser" picks each package's browser entry (axios' XHR build, crypto-js without Node's crypto); the
    // sandbox replaces the transport (see Runtime/Prelude/axios-adapter.js).
    platform: "browser",
    format: "cjs",
    target: "es2020",
    // Full minification roughly halves what V8 compiles per process (and the code cache keeps); keepNames keeps Function.name/class names
    // that library code may read, so behaviour stays the package's own.
    minify: true,
    keepNames: true,
    legalComments: "inline",
    define: { "process.env.NODE_ENV": '"production"', "global": "globalThis", ...specifier.define },
    alias: specifier.alias,
    outfile: `dist/${name}.js`,
    logLevel: "warning",
  });
}
console.log(`bundled ${Object.keys(libraries).length} libraries into dist/`);
