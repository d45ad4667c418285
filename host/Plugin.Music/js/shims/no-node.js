// Stands in for Node's http, https, stream and util inside the webdav bundle (build.mjs aliases them here). webdav built
// for React Native (TARGET, as MusicFree runs it) never uses them at run time; they are only imported (util: see isObject), so an object
// of empty classes satisfies the imports without giving the sandbox sockets or streams.
class Agent {}
class Readable {}
class PassThrough {}
// util: path-posix (a webdav dependency) formats objects with util.isObject.
const isObject = (value) => value !== null && typeof value === "object";
export { Agent, Readable, PassThrough, isObject };
export default { Agent, Readable, PassThrough, isObject };
