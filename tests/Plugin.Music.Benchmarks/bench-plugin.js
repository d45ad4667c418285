// The benchmark plugin: no network. search is a trivial call (pure per-call overhead: argument/result JSON, the
// promise job queue); getAlbumInfo does typical plugin work (cheerio parse + select, crypto-js, dayjs).
const cheerio = require("cheerio");
const CryptoJS = require("crypto-js");
const dayjs = require("dayjs");
const HTML = "<ul class=\"tracks\">" + Array.from({ length: 50 }, (_, i) =>
  `<li class="track" data-id="${i}"><b class="name">歌曲 ${i} &amp; more</b><i class="singer">歌手${i % 7}</i><time>2024-01-${String(i % 28 + 1).padStart(2, "0")}</time></li>`).join("") + "</ul>";
module.exports = {
  platform: "bench",
  version: "1.0.0",
  async search(query, page, type) {
    return { isEnd: true, data: [{ id: query, title: "t", artist: "a", page, type }] };
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
