// Exercises the Node-like globals plugins use (Buffer, URLSearchParams, TextEncoder/TextDecoder, atob/btoa) and
// binary axios bodies, so the differential test can hold our sandbox to Node. search(group) returns one item whose
// "checks" are the results of that group; errors are reported by name only (messages are each implementation's own).
"use strict";
const axios = require("axios");
const CryptoJS = require("crypto-js");

const BASE = "__BASE__";

const run = (cases) => {
  const out = {};
  for (const [name, f] of Object.entries(cases)) {
    try {
      const value = f();
      out[name] = value === undefined ? "undefined" : value;
    } catch (e) {
      out[name] = "threw " + (e && e.name);
    }
  }
  return out;
};

const groups = {
  buffer: () => run({
    utf8ToBase64: () => Buffer.from("晴天 hello", "utf8").toString("base64"),
    base64ToUtf8: () => Buffer.from("5pm05aSp", "base64").toString(),
    base64Lenient: () => Buffer.from(" 5pm0\n5aSp ", "base64").toString("hex"),
    urlSafeBase64In: () => Buffer.from("-_8", "base64").toString("hex"),
    hexToUtf8: () => Buffer.from("e699b4e5a4a9", "hex").toString("utf8"),
    hexStopsAtBad: () => Buffer.from("e699b4zz", "hex").toString("hex"),
    latin1: () => Buffer.from([0xff, 0x00, 0x41]).toString("latin1"),
    binaryAlias: () => Buffer.from("\u00ffA", "binary").toString("base64"),
    utf16le: () => Buffer.from("晴a", "utf16le").toString("hex"),
    byteLength: () => [Buffer.byteLength("晴天"), Buffer.byteLength("aGk=", "base64")],
    concat: () => Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]).toString(),
    slice: () => Buffer.from("abcdef").slice(1, 3).toString(),
    json: () => JSON.stringify(Buffer.from("hi")),
    isBuffer: () => [Buffer.isBuffer(Buffer.alloc(2)), Buffer.isBuffer(new Uint8Array(2)), Buffer.from("x") instanceof Uint8Array],
    alloc: () => Array.from(Buffer.alloc(3, 7)),
    equals: () => [Buffer.from("abc").equals(Buffer.from("abc")), Buffer.compare(Buffer.from("a"), Buffer.from("b"))],
    ints: () => {
      const b = Buffer.alloc(8);
      b.writeUInt32BE(0xdeadbeef, 0);
      b.writeInt16LE(-2, 4);
      return [b.readUInt32BE(0), b.readInt16LE(4), b.toString("hex")];
    },
    fromArrayBuffer: () => Buffer.from(new Uint8Array([1, 2, 3]).buffer).toString("hex"),
    emoji: () => Buffer.from("\ud83c\udfb5").toString("hex"),
    indexOf: () => [Buffer.from("abc").indexOf("c"), Buffer.from("abc").includes("bc")],
    // A common signing idiom: hex digest to bytes to base64.
    withCryptoJs: () => Buffer.from(CryptoJS.MD5("晴天").toString(), "hex").toString("base64"),
    typeofGlobal: () => typeof Buffer,
  }),
  url: () => run({
    parse: () => { const p = new URLSearchParams("?q=%E6%99%B4+%E5%A4%A9&x=a%2Bb&x=2"); return [p.get("q"), p.getAll("x"), p.get("none"), p.has("x")]; },
    fromObject: () => new URLSearchParams({ keyword: "晴天 周杰伦", page: 1, t: "a&b=c", s: "!'()~*-._" }).toString(),
    fromPairs: () => { const p = new URLSearchParams([["a", "1"], ["b", "2"], ["a", "3"]]); p.delete("a"); p.append("c", "x y"); return p.toString(); },
    order: () => new URLSearchParams("a=1&b=2&a=3").toString(),
    sort: () => { const p = new URLSearchParams("b=2&a=1&c=3&a=0"); p.sort(); return p.toString(); },
    iterate: () => { const p = new URLSearchParams("a=1&b=2"); return [...p].concat([...p.keys()], [...p.values()]); },
    set: () => { const p = new URLSearchParams("a=1&b=2&a=3"); p.set("a", "9"); return [p.toString(), p.size]; },
    badPercent: () => [...new URLSearchParams("%zz=%&x=%e6%99")],
    controls: () => new URLSearchParams("a=\n").toString(),
    forEach: () => { const out = []; new URLSearchParams("x=1&y=2").forEach((v, k) => out.push(k + ":" + v)); return out; },
    stringTag: () => Object.prototype.toString.call(new URLSearchParams("a=1")),
    // axios serialises URLSearchParams bodies as a form.
    copy: () => new URLSearchParams(new URLSearchParams("a=1&b=2")).toString(),
    // URL: what plugins build request addresses and read share links with.
    urlParts: () => { const u = new URL("https://y.music.example:8443/song/detail?id=5&from=share#top"); return [u.protocol, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin]; },
    urlSearchParams: () => { const u = new URL("https://m.example/s?id=1"); u.searchParams.set("q", "晴天 周杰伦"); u.searchParams.append("page", 2); return [u.href, u.searchParams.get("id"), u.searchParams instanceof URLSearchParams]; },
    urlRelative: () => [new URL("../a/b?x=1", "https://m.example/p/q/r").href, new URL("//cdn.example/x.mp3", "https://m.example").href],
    urlInvalid: () => new URL("not a url"),
    urlEncoding: () => new URL("https://m.example/歌曲/晴天?名=值").href,
  }),
  text: () => run({
    encode: () => Array.from(new TextEncoder().encode("晴天A")),
    encoding: () => [new TextEncoder().encoding, new TextDecoder().encoding, new TextDecoder("UTF8").encoding, new TextDecoder(" utf-8 ").encoding],
    decode: () => new TextDecoder().decode(new Uint8Array([0xe6, 0x99, 0xb4])),
    bom: () => [new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length],
    fatal: () => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])),
    stream: () => { const d = new TextDecoder(); return d.decode(new Uint8Array([0xe6, 0x99]), { stream: true }) + d.decode(new Uint8Array([0xb4])); },
    arrayBuffer: () => new TextDecoder().decode(new Uint8Array([0x41, 0x42]).buffer),
    empty: () => new TextDecoder().decode(),
    roundTrip: () => new TextDecoder().decode(new TextEncoder().encode("稻香 🎵")),
  }),
  base64: () => run({
    btoa: () => btoa("hello"),
    atob: () => atob("aGVsbG8="),
    whitespace: () => atob(" aGVs bG8 "),
    noPadding: () => atob("aGVsbG8"),
    latin1: () => btoa("\u00ff\u00fe"),
    wide: () => btoa("晴"),
    badLength: () => atob("a"),
    badChar: () => atob("@@@@"),
    number: () => btoa(123),
    // The usual way to base64 UTF-8 text with btoa.
    utf8: () => btoa(unescape(encodeURIComponent("晴天"))),
  }),
};

module.exports = {
  platform: "编码",
  version: "1.0.0",
  async search(query) {
    return { isEnd: true, data: [{ id: query, title: query, artist: "", checks: groups[query]() }] };
  },
  // Binary bodies both ways: responseType "arraybuffer" gives a Buffer under Node's axios; Buffer request bodies go out as bytes.
  async getMediaSource(musicItem) {
    const res = await axios.get(BASE + "/bytes", { responseType: "arraybuffer" });
    const data = res.data;
    const echoed = await axios.post(BASE + "/hex", Buffer.from("晴天", "utf8"), { headers: { "Content-Type": "application/octet-stream" } });
    const form = await axios.post(BASE + "/hex", new URLSearchParams({ a: "1", b: "晴 天" }));
    return {
      url: BASE + "/media/" + musicItem.id,
      isBuffer: Buffer.isBuffer(data),
      length: data.length,
      base64: Buffer.from(data).toString("base64"),
      tail: data.slice(256).toString("hex"),
      text: new TextDecoder().decode(new Uint8Array(data).subarray(65, 70)),
      echoed: echoed.data,
      form: form.data,
    };
  },
};
