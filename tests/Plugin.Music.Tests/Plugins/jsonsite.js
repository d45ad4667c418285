// A realistic JSON-API plugin: token from user variables, signed media URLs (crypto-js), Base64 lyrics,
// paged search of several types, artist works, song import. __BASE__ is the loopback site.
"use strict";
const axios = require("axios");
const CryptoJS = require("crypto-js");
const qs = require("qs");

const BASE = "__BASE__";
const SECRET = "s3cr3t-key-0123456789abcdef";

function headers() {
  const { token } = env.getUserVariables();
  return { Authorization: "Bearer " + (token || ""), "X-Custom": "mf" };
}

function toMusic(s) {
  return {
    id: s.songId,
    title: s.songName,
    artist: s.singer,
    album: s.album,
    duration: s.interval,
    artwork: s.cover ? BASE + s.cover : undefined,
    vip: s.vip || undefined,
  };
}

async function search(query, page, type) {
  const res = await axios.get(BASE + "/api/search", {
    params: { keyword: query, page, type },
    headers: headers(),
  });
  const { list, total } = res.data;
  const isEnd = page * 2 >= total;
  if (type === "album") {
    return { isEnd, data: list.map((a) => ({ id: a.albumId, title: a.albumName, artist: a.singer, artwork: BASE + a.pic, date: a.publish })) };
  }
  if (type === "artist") {
    return { isEnd, data: list.map((a) => ({ id: a.singerId, name: a.singerName, fans: a.fans, avatar: "" })) };
  }
  return { isEnd, data: list.map(toMusic) };
}

async function getMediaSource(musicItem, quality) {
  const ts = "1700000000";
  const sign = CryptoJS.MD5(musicItem.id + quality + ts + SECRET).toString();
  const res = await axios.get(BASE + "/api/song/url", { params: { id: musicItem.id, quality, ts, sign } });
  if (!res.data.data) return null;
  return { url: res.data.data.url, headers: { Referer: BASE + "/" }, userAgent: "MusicFree-Test" };
}

async function getLyric(musicItem) {
  const res = await axios.get(BASE + "/api/lyric?from=plugin", { params: { id: musicItem.id } });
  const rawLrc = CryptoJS.enc.Base64.parse(res.data.lyric).toString(CryptoJS.enc.Utf8);
  return { rawLrc, translation: res.data.trans || undefined };
}

async function getMusicInfo(musicItem) {
  const res = await axios.get(BASE + "/api/song/" + encodeURIComponent(musicItem.id));
  return { artwork: BASE + res.data.cover };
}

async function getArtistWorks(artistItem, page, type) {
  if (type !== "music") return { isEnd: true, data: [] };
  const res = await axios.get(`${BASE}/api/artist/${encodeURIComponent(artistItem.id)}/songs`, { params: { page } });
  return { isEnd: !res.data.more, data: res.data.list.map(toMusic) };
}

async function importMusicItem(urlLike) {
  const m = urlLike.match(/song\/(s\d+)/);
  if (!m) return null;
  const res = await axios.get(BASE + "/api/song/" + m[1]);
  return toMusic(res.data);
}

module.exports = {
  platform: "JSON测试源",
  author: "tests",
  version: "1.2.0",
  srcUrl: BASE + "/files/jsonsite.js",
  primaryKey: ["id"],
  cacheControl: "no-store",
  supportedSearchType: ["music", "album", "artist"],
  userVariables: [{ key: "token", name: "访问令牌" }],
  hints: { importMusicItem: ["粘贴形如 https://site/song/s1 的链接"] },
  search,
  getMediaSource,
  getLyric,
  getMusicInfo,
  getArtistWorks,
  importMusicItem,
  // Not part of the protocol: exercises axios corners the differential test compares with Node.
  async getRecommendSheetTags() {
    const [login, err, text, echo, crypto] = await Promise.all([
      axios.post(BASE + "/api/login", qs.stringify({ user: "张三", tags: ["a", "b"] }, { arrayFormat: "brackets" }),
        { headers: { "Content-Type": "application/x-www-form-urlencoded" } }).then((r) => r.data),
      axios.get(BASE + "/status/404").then(() => "no error", (e) => ({ status: e.response.status, data: e.response.data, message: e.message, isAxios: axios.isAxiosError(e) })),
      Promise.all([axios.get(BASE + "/text"), axios.get(BASE + "/text", { responseType: "text" })]).then(([a, b]) => [typeof a.data, typeof b.data]),
      axios({ url: BASE + "/echo?x=1", params: { y: "中 文", z: [1, 2] }, headers: { "X-Custom": "v" } }).then((r) => ({ query: r.data.query, custom: r.data.custom, ct: r.headers["content-type"], status: r.status })),
      Promise.resolve().then(() => {
        const key = CryptoJS.enc.Utf8.parse("0123456789abcdef");
        const iv = CryptoJS.enc.Utf8.parse("fedcba9876543210");
        const cbc = CryptoJS.AES.encrypt("歌曲 id=s1", key, { iv, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 }).toString();
        const ecb = CryptoJS.AES.encrypt("hello", key, { mode: CryptoJS.mode.ECB }).toString();
        const back = CryptoJS.AES.decrypt(cbc, key, { iv }).toString(CryptoJS.enc.Utf8);
        return { cbc, ecb, back, sha256: CryptoJS.SHA256("x").toString(), hmac: CryptoJS.HmacSHA1("m", "k").toString(CryptoJS.enc.Base64), hex: CryptoJS.enc.Hex.stringify(CryptoJS.enc.Utf8.parse("中")) };
      }),
    ]);
    const timeout = await axios.get(BASE + "/slow", { timeout: 200 }).then(() => "no timeout", (e) => ({ code: e.code, message: e.message }));
    return { login, err, text, echo, crypto, timeout };
  },
};
