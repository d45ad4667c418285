// The benchmark plugin: no network. search("q") is a trivial call (pure per-call overhead: argument/result JSON, the
// promise job queue); search("cheerio") parses a 200-item result page with cheerio as real MusicFree plugins do;
// getLyric is crypto-js-heavy (AES, MD5, SHA-256, HMAC, Base64 as signing/decrypting plugins use them);
// getAlbumInfo mixes them (cheerio 50 rows, MD5, dayjs).
const cheerio = require("cheerio");
const CryptoJS = require("crypto-js");
const dayjs = require("dayjs");
const row = (i) =>
  `<li class="track" data-id="${i}"><b class="name">歌曲 ${i} &amp; more</b><i class="singer">歌手${i % 7}</i><time>2024-01-${String(i % 28 + 1).padStart(2, "0")}</time></li>`;
const HTML = "<ul class=\"tracks\">" + Array.from({ length: 50 }, (_, i) => row(i)).join("") + "</ul>";
const SEARCH_HTML = "<!DOCTYPE html><html><head><title>搜索</title></head><body><div id=\"main\"><div class=\"result-list\">" +
  Array.from({ length: 200 }, (_, i) =>
    `<div class="item${i % 3 === 0 ? " vip" : ""}" data-id="s${i}"><a class="title" href="/song/s${i}?from=search" title="歌曲 ${i}">歌曲 <em>${i}</em> &amp; 朋友</a>` +
    `<span class="artist"><a href="/artist/${i % 17}">歌手${i % 17}</a>, <a href="/artist/${i % 5}">乐队${i % 5}</a></span>` +
    `<span class="album"><a href="/album/al${i % 23}">专辑 ${i % 23}</a></span><span class="duration">0${i % 6}:${String(i % 60).padStart(2, "0")}</span>` +
    `<img class="cover" src="https://img.example/${i}.jpg" alt=""></div>`).join("") +
  "</div><div class=\"pager\"><a class=\"next\" href=\"?page=2\">下一页</a></div></div></body></html>";
const KEY = CryptoJS.enc.Utf8.parse("0CoJUm6Qyw8W8jud");
const IV = CryptoJS.enc.Utf8.parse("0102030405060708");
const LYRIC = Array.from({ length: 60 }, (_, i) => `[00:${String(i).padStart(2, "0")}.00]第 ${i} 行歌词 line ${i}`).join("\n");
module.exports = {
  platform: "bench",
  version: "1.0.0",
  async search(query, page, type) {
    if (query !== "cheerio") return { isEnd: true, data: [{ id: query, title: "t", artist: "a", page, type }] };
    const $ = cheerio.load(SEARCH_HTML);
    const data = [];
    $(".result-list .item").each((i, el) => {
      const item = $(el);
      const link = item.find("a.title");
      data.push({
        id: item.attr("data-id"),
        title: link.text().trim(),
        url: link.attr("href"),
        artist: item.find(".artist a").map((_, a) => $(a).text()).get().join("&"),
        album: item.find(".album a").first().text(),
        albumId: (item.find(".album a").attr("href") || "").split("/").pop(),
        duration: item.find(".duration").text().split(":").reduce((s, x) => s * 60 + Number(x), 0),
        artwork: item.find("img.cover").attr("src"),
        vip: item.hasClass("vip"),
      });
    });
    return { isEnd: $(".pager a.next").length === 0, data };
  },
  async getLyric(musicItem) {
    // Typical of plugins that sign requests and decrypt answers: AES-CBC both ways, hashes, HMAC, Base64/Hex.
    let text = LYRIC;
    const signs = [];
    for (let i = 0; i < 20; i++) {
      const enc = CryptoJS.AES.encrypt(text, KEY, { iv: IV, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 }).toString();
      const dec = CryptoJS.AES.decrypt(enc, KEY, { iv: IV, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 }).toString(CryptoJS.enc.Utf8);
      signs.push(CryptoJS.MD5(enc + i).toString(), CryptoJS.SHA256(dec).toString().slice(0, 8),
        CryptoJS.HmacSHA256(musicItem.id + i, "secret").toString(CryptoJS.enc.Base64),
        CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(String(i))));
      text = dec;
    }
    return { rawLrc: text, signs };
  },
  async getAlbumInfo(albumItem, page) {
    const $ = cheerio.load(HTML);
    const musicList = $("li.track").map((i, el) => ({
      id: String($(el).data("id")),
      title: $(el).find("b.name").text(),
      artist: $(el).find(".singer").text(),
      date: dayjs($(el).find("time").text()).format("YYYY/MM/DD"),
      sign: CryptoJS.MD5(albumItem.id + i).toString(),
    })).get();
    return { isEnd: true, musicList };
  },
};
