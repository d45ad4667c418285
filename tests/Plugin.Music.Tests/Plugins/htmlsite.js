// A realistic HTML-scraping plugin: album pages, top lists and playlists parsed with cheerio; dates with dayjs;
// entities with he. __BASE__ is the loopback site.
const axios = require("axios");
const cheerio = require("cheerio");
const dayjs = require("dayjs");
const he = require("he");

const BASE = "__BASE__";

async function getAlbumInfo(albumItem, page) {
  const html = (await axios.get(`${BASE}/album/${albumItem.id}.html`, { params: { page } })).data;
  const $ = cheerio.load(html);
  const musicList = $("ul.tracks > li.track").map((i, el) => {
    const li = $(el);
    return {
      id: li.attr("data-id"),
      title: li.find(".name").text().trim(),
      artist: li.children("a.singer").first().text(),
      album: albumItem.title,
      duration: li.data("duration"),
      vip: li.hasClass("vip"),
    };
  }).get();
  const result = { isEnd: $(".pager a.next").length === 0, musicList };
  if (page <= 1) {
    const desc = $("#album p.desc");
    result.albumItem = {
      title: $("#album .title").text(),
      artwork: BASE + $("#album img.cover").attr("src"),
      description: desc.text(),
      descriptionHtml: desc.html(),
      date: dayjs(desc.find("time").text()).format("YYYY年M月D日 dddd"),
      epoch: dayjs(desc.find("time").text()).valueOf() > 0,
      albumId: $("#album").data("albumId"),
    };
  }
  return result;
}

async function getTopLists() {
  const $ = cheerio.load((await axios.get(BASE + "/toplist.html")).data);
  const groups = [];
  $("section.group").each((i, section) => {
    const s = $(section);
    groups.push({
      title: s.children("h2").text(),
      data: s.find(".item").map((j, item) => ({
        id: String($(item).data("id")),
        title: $(item).find("b").text(),
        description: he.decode($(item).find("p").html() || ""),
        coverImg: BASE + $(item).attr("data-img"),
      })).get(),
    });
  });
  return groups;
}

async function getTopListDetail(topListItem, page) {
  const res = await axios.get(`${BASE}/api/toplist/${topListItem.id}`, { params: { page: page || 1 } });
  return {
    isEnd: !res.data.hasMore,
    topListItem: { ...topListItem, description: "更新于 " + dayjs(res.data.updateTime).toISOString() },
    musicList: res.data.songs.map((s) => ({ id: s.songId, title: s.songName, artist: s.singer, duration: s.interval })),
  };
}

async function importMusicSheet(urlLike) {
  const m = urlLike.match(/playlist\/(\w+)/);
  if (!m) throw new Error("not a playlist link: " + urlLike);
  const $ = cheerio.load((await axios.get(`${BASE}/playlist/${m[1]}`)).data);
  return $("table.songs tr").toArray().map((tr) => {
    const row = $(tr);
    const meta = row.data("song");
    return { id: meta.id, duration: meta.t, title: row.find("td.t").text(), artist: row.find("td").eq(1).text(), sheet: $("#pl-title").text() };
  });
}

async function getRecommendSheetTags() {
  const { data } = await axios.get(BASE + "/api/tags");
  const tag = (t) => ({ id: String(t.tagId), title: t.name });
  return { pinned: data.hot.map(tag), data: data.groups.map((g) => ({ title: g.group, data: g.tags.map(tag) })) };
}

async function getRecommendSheetsByTag(tag, page) {
  const { data } = await axios.get(BASE + "/api/sheets", { params: { tag: tag.id, page } });
  return {
    isEnd: page * 3 >= data.total,
    data: data.list.map((s) => ({ id: s.id, title: s.name, artwork: BASE + s.cover, playCount: s.plays, artist: s.creator })),
  };
}

async function getMusicSheetInfo(sheetItem, page) {
  const list = await importMusicSheet(BASE + "/playlist/" + sheetItem.id);
  return { isEnd: true, musicList: list, sheetItem: page <= 1 ? { worksNum: list.length } : undefined };
}

module.exports = {
  platform: "HTML测试源",
  version: "0.3.0",
  cacheControl: "cache",
  getAlbumInfo,
  getTopLists,
  getTopListDetail,
  importMusicSheet,
  getRecommendSheetTags,
  getRecommendSheetsByTag,
  getMusicSheetInfo,
};
