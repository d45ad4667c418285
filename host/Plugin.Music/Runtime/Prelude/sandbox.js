// The MusicFree sandbox prelude: runs once per plugin engine, before the plugin. It receives the host bridge
// (C# delegates) as arguments and keeps it in this closure, so plugin code can reach the host only through
// what is defined here: require() of the offered libraries, console, timers, env, and the Node-like globals
// Buffer, atob/btoa, URL, URLSearchParams, TextEncoder/TextDecoder.
(function (hostHttp, hostLog, hostDelay, libraryFactories, loadLibrary, hostUserVariables, envInfo) {
  "use strict";
  const g = globalThis;

  // console: goes to the host's log, never to a command's standard output.
  const format = (args) => args.map((a) => {
    if (typeof a === "string") return a;
    if (a instanceof Error) return a.stack || String(a);
    try { return JSON.stringify(a); } catch (e) { return String(a); }
  }).join(" ");
  const makeConsole = () => {
    const c = {};
    for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
      c[level] = (...args) => hostLog(level, format(args));
    }
    return c;
  };
  g.console = makeConsole();

  // Timers run on the engine's event loop; the host's Task.Delay decides when.
  let nextTimer = 1;
  const liveTimers = new Set();
  g.setTimeout = (fn, ms, ...args) => {
    const id = nextTimer++;
    liveTimers.add(id);
    hostDelay(Math.max(0, Number(ms) || 0)).then(() => {
      if (!liveTimers.delete(id)) return;
      if (typeof fn === "function") fn(...args);
    });
    return id;
  };
  g.clearTimeout = (id) => { liveTimers.delete(id); };
  g.setInterval = (fn, ms, ...args) => {
    const id = nextTimer++;
    liveTimers.add(id);
    const tick = () => hostDelay(Math.max(1, Number(ms) || 0)).then(() => {
      if (!liveTimers.has(id)) return;
      if (typeof fn === "function") fn(...args);
      tick();
    });
    tick();
    return id;
  };
  g.clearInterval = g.clearTimeout;
  g.setImmediate = (fn, ...args) => g.setTimeout(fn, 0, ...args);
  g.queueMicrotask = (fn) => { Promise.resolve().then(fn); };

  // The seed's global env.
  g.env = Object.freeze({
    getUserVariables: () => JSON.parse(hostUserVariables()),
    appVersion: envInfo.appVersion,
    os: envInfo.os,
    lang: envInfo.lang,
  });

  // axios with the sandbox's transport: the real axios package (its browser build) does everything but the
  // request itself, which this adapter hands to the host's HttpClient. Behaviour matches axios' Node adapter
  // where plugins can tell: UTF-8 bodies, lower-case header names, its User-Agent, settle() on validateStatus.
  // A request body as the bridge's byte array (binary data), or null (anything else travels as text).
  const toBytes = (data) => {
    if (data instanceof ArrayBuffer) return Array.from(new Uint8Array(data));
    if (ArrayBuffer.isView(data)) return Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return null;
  };
  const installAxiosAdapter = (axios) => {
    const { AxiosError, AxiosHeaders } = axios;
    const adapter = (config) => new Promise((resolve, reject) => {
      const headers = AxiosHeaders.from(config.headers).normalize();
      if (!headers.has("User-Agent")) headers.set("User-Agent", "axios/" + axios.VERSION, false);
      let body = null, bodyBytes = null;
      if (config.data !== undefined && config.data !== null) {
        bodyBytes = toBytes(config.data);
        if (bodyBytes === null) body = typeof config.data === "string" ? config.data : String(config.data);
      } else {
        headers.setContentType(null);
      }
      const url = axios.getUri(config);
      const request = {
        method: (config.method || "get").toUpperCase(),
        url,
        headers: headers.toJSON(true),
        body,
        bodyBytes,
        timeout: config.timeout || 0,
        binary: config.responseType === "arraybuffer",
        maxContentLength: config.maxContentLength > 0 ? config.maxContentLength : -1,
        maxRedirects: typeof config.maxRedirects === "number" ? config.maxRedirects : 21,
      };
      hostHttp(JSON.stringify(request)).then((text) => {
        const r = JSON.parse(text);
        if (r.error) {
          const code = r.error.code || "ERR_NETWORK";
          reject(new AxiosError(r.error.message, code, config, {}));
          return;
        }
        let data = r.body;
        // responseType "arraybuffer": axios' Node adapter, which plugins are written against, resolves a Buffer.
        if (request.binary) data = g.Buffer.from(r.bodyBytes);
        const response = {
          data,
          status: r.status,
          statusText: r.statusText,
          headers: new AxiosHeaders(r.headers),
          config,
          request: { responseURL: r.url },
        };
        // axios' settle(): validateStatus decides between resolve and an AxiosError carrying the response.
        const validateStatus = config.validateStatus;
        if (!response.status || !validateStatus || validateStatus(response.status)) {
          resolve(response);
        } else {
          reject(new AxiosError(
            "Request failed with status code " + response.status,
            [AxiosError.ERR_BAD_REQUEST, AxiosError.ERR_BAD_RESPONSE][Math.floor(response.status / 100) - 4],
            config, response.request, response));
        }
      }, (e) => reject(new AxiosError(String(e && e.message || e), "ERR_NETWORK", config, {})));
    });
    axios.defaults.adapter = adapter;
    return axios;
  };

  // fetch() over the same host transport, for the offered libraries that speak fetch (webdav); not a global, as
  // plugins do not get one. The subset webdav reads: status/ok/headers and a body read once as text, bytes or JSON
  // (always UTF-8, as fetch decodes). No streams: response.body is null.
  class FetchHeaders {
    #map = new Map();
    constructor(init) {
      const add = (value, name) => this.#map.set(String(name).toLowerCase(), Array.isArray(value) ? value.join(", ") : String(value));
      if (init && typeof init.forEach === "function" && !Array.isArray(init)) init.forEach(add);
      else if (Array.isArray(init)) for (const [name, value] of init) add(value, name);
      else if (init) for (const name of Object.keys(init)) add(init[name], name);
    }
    get(name) { const value = this.#map.get(String(name).toLowerCase()); return value === undefined ? null : value; }
    has(name) { return this.#map.has(String(name).toLowerCase()); }
    keys() { return this.#map.keys(); }
    values() { return this.#map.values(); }
    entries() { return this.#map.entries(); }
    forEach(fn, thisArg) { for (const [name, value] of this.#map) fn.call(thisArg, value, name, this); }
    [Symbol.iterator]() { return this.#map.entries(); }
  }
  class FetchResponse {
    #bytes;
    constructor(r) {
      this.status = r.status;
      this.statusText = r.statusText;
      this.ok = r.status >= 200 && r.status < 300;
      this.url = r.url;
      this.headers = new FetchHeaders(r.headers);
      this.body = null;
      this.bodyUsed = false;
      this.#bytes = r.bodyBytes || [];
    }
    #read() {
      if (this.bodyUsed) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
      this.bodyUsed = true;
      return Promise.resolve(new Uint8Array(this.#bytes));
    }
    arrayBuffer() { return this.#read().then((bytes) => bytes.buffer); }
    text() { return this.#read().then((bytes) => new g.TextDecoder().decode(bytes)); }
    json() { return this.text().then((text) => JSON.parse(text)); }
  }
  const sandboxFetch = (url, options = {}) => {
    const headers = {};
    new FetchHeaders(options.headers).forEach((value, name) => { headers[name] = value; });
    let body = null, bodyBytes = null;
    if (options.body !== undefined && options.body !== null) {
      bodyBytes = toBytes(options.body);
      if (bodyBytes === null) body = String(options.body);
    }
    const request = {
      method: String(options.method || "GET").toUpperCase(),
      url: String(url),
      headers,
      body,
      bodyBytes,
      timeout: 0,
      binary: true,
      maxContentLength: -1,
    };
    return hostHttp(JSON.stringify(request)).then((text) => {
      const r = JSON.parse(text);
      // fetch rejects with a TypeError on network failures only; HTTP error statuses resolve.
      if (r.error) throw new TypeError("fetch failed: " + r.error.message);
      return new FetchResponse(r);
    });
  };

  // Each library is instantiated once per plugin engine. A factory is the package's bundle wrapped as
  // function (module, exports) { ... } (see JsLibraries.cs).
  const loaded = Object.create(null);
  const building = Object.create(null);
  const instantiate = (base) => {
    if (!(base in loaded)) {
      const module = { exports: {} };
      const factory = libraryFactories[base] || loadLibrary(base);
      building[base] = true;
      try { factory.call(module.exports, module, module.exports); } finally { delete building[base]; }
      let exports = module.exports;
      if (base === "axios") exports = installAxiosAdapter(exports);
      // The webdav bundle is (fetch) => webdav: its one fetch import is pointed at the sandbox's (see js/shims).
      else if (base === "webdav") exports = exports(sandboxFetch);
      loaded[base] = exports;
    }
    return loaded[base];
  };

  // Globals Node (and the app's JavaScript engine) give plugins beyond ECMAScript, from real npm packages. Each is an
  // accessor until first read, so a plugin that never touches one never instantiates its package; on first read (or
  // an assignment by the plugin) it becomes a plain writable property, as in Node.
  // While its own package is being instantiated a global reads as undefined (and stays unsettled): packages probe the
  // engine for what they supply (core-js tries the engine's own URL first), and that probe must not start the same
  // package again. Other packages' globals are created as usual (axios finds URLSearchParams as under Node).
  const lazyGlobal = (name, base, create) => {
    const settle = (value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(g, name, {
      configurable: true,
      enumerable: false,
      get() {
        if (building[base]) return undefined;
        const value = create();
        settle(value);
        return value;
      },
      set(value) { settle(value); },
    });
  };
  lazyGlobal("Buffer", "buffer", () => instantiate("buffer").Buffer);
  // base-64 implements the HTML standard's atob/btoa (whitespace, padding, InvalidCharacterError).
  lazyGlobal("atob", "base-64", () => instantiate("base-64").decode);
  lazyGlobal("btoa", "base-64", () => instantiate("base-64").encode);
  lazyGlobal("URL", "url", () => instantiate("url").URL);
  lazyGlobal("URLSearchParams", "url", () => instantiate("url").URLSearchParams);
  // text-encoding-utf-8 accepts only the label "utf-8"; the Encoding Standard's other UTF-8 labels ("utf8", "UTF-8 ")
  // name the same codec and are mapped to it. Other encodings are refused the way Node refuses unknown ones.
  const utf8Labels = ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"];
  const utf8Label = (label) => {
    if (label === undefined) return "utf-8";
    if (utf8Labels.includes(String(label).trim().toLowerCase())) return "utf-8";
    throw new RangeError("The \"" + String(label) + "\" encoding is not supported: this sandbox's TextDecoder decodes UTF-8 only");
  };
  lazyGlobal("TextEncoder", "text-encoding-utf-8", () => {
    const Base = instantiate("text-encoding-utf-8").TextEncoder;
    // Node's TextEncoder takes no label (it always encodes UTF-8) and ignores any argument.
    return class TextEncoder extends Base { constructor() { super(); } };
  });
  lazyGlobal("TextDecoder", "text-encoding-utf-8", () => {
    const Base = instantiate("text-encoding-utf-8").TextDecoder;
    return class TextDecoder extends Base { constructor(label, options) { super(utf8Label(label), options); } };
  });
  // require(): only the libraries MusicFree offers its plugins.
  const offered = ["axios", "cheerio", "crypto-js", "dayjs", "qs", "he", "big-integer", "webdav"];
  const require = (name) => {
    if (typeof name !== "string") throw new TypeError("require() expects a module name");
    // Plugins sometimes name a file of a package, e.g. "crypto-js/md5" or "axios/index"; the whole package
    // provides it (crypto-js' files export the same CryptoJS object).
    let base = name;
    if (!offered.includes(base)) {
      const first = name.split("/")[0];
      if (first === "crypto-js") base = first;
      else if (name === "axios/index" || name === "cheerio/lib/index") base = first;
    }
    if (!offered.includes(base)) {
      const error = new Error("Cannot find module '" + name + "': a MusicFree plugin may require only " + offered.join(", "));
      error.code = "MODULE_NOT_FOUND";
      throw error;
    }
    return instantiate(base);
  };
  return require;
})
