// Stands in for @buttercup/fetch inside the webdav bundle (build.mjs aliases it here). webdav calls fetch() only
// through this module, so its HTTP goes wherever the sandbox points it: the prelude calls useTransport() with its
// fetch over the host's HttpClient before handing webdav to a plugin. Nothing here reads a global.
let transport = null;

export function useTransport(fetchImplementation) {
  transport = fetchImplementation;
}

export function fetch(url, options) {
  if (transport === null) return Promise.reject(new Error("webdav: no HTTP transport installed"));
  return transport(url, options);
}

// Only re-exported as types by webdav; no code of it constructs them.
export const Headers = undefined;
export const Request = undefined;
export const Response = undefined;
