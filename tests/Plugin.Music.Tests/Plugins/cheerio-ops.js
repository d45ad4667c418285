// The cheerio operations MusicFree plugins use, on sample pages, for the differential test (the sandbox's cheerio
// against the real package under Node). No network: the pages are here.
const cheerio = require("cheerio");
const PAGE = `<!DOCTYPE html><html><head><title>榜单 &amp; 歌单</title><script>var x = "<b>not markup</b>";</script></head><body>
<div id="list" class="songs main">
  <ul>
    <li class="song first" data-id="1" data-info='{"vip":true,"n":3}'><a href="/s/1" title="晴天">晴天</a> <span class="singer">周杰伦</span><input name="q" value="v1"></li>
    <li class="song" data-id="2"><a href="/s/2">七里香</a><span class="singer">周杰伦</span>&nbsp;<em>热</em></li>
    <li class="song last vip" data-id="3" data-play-count="1200"><a href="/s/3">稻香 <b>Live</b></a><span class="singer">周杰伦 &amp; 朋友</span></li>
  </ul>
  <select name="type"><option value="a">A</option><option value="b" selected>B</option></select>
  <textarea name="t">文本</textarea>
  <p>段落<br>换行<!-- 注释 --></p>
</div>
<table class="chart"><tr><th>名</th></tr><tr><td>一</td></tr><tr><td>二</td></tr></table>
</body></html>`;
const XML = `<?xml version="1.0"?><rss><channel><item><title>标题</title><link>https://x/1</link></item><item><title>二</title><link>https://x/2</link></item></channel></rss>`;
module.exports = {
  platform: "cheerio-ops",
  version: "1.0.0",
  async search(what) {
    const $ = cheerio.load(PAGE);
    const songs = $("#list li.song");
    const r = {};
    if (what === "traverse") {
      r.length = songs.length;
      r.texts = songs.map((i, el) => $(el).text()).get();
      r.eq = songs.eq(1).find("a").text();
      r.eqNeg = songs.eq(-1).attr("data-id");
      r.first = songs.first().attr("class");
      r.last = songs.last().find(".singer").text();
      r.children = $("#list ul").children().length;
      r.childrenSel = songs.first().children("a").attr("href");
      r.parent = songs.first().parent().prop("tagName");
      r.parents = songs.first().parents().map((i, el) => el.tagName).get();
      r.closest = $("b").closest("li").attr("data-id");
      r.next = songs.first().next().attr("data-id");
      r.prev = songs.last().prev().attr("data-id");
      r.nextAll = songs.first().nextAll().length;
      r.siblings = songs.eq(1).siblings().length;
      r.filterSel = songs.filter(".vip").attr("data-id");
      r.filterFn = songs.filter((i, el) => $(el).find("em").length > 0).attr("data-id");
      r.not = songs.not(".first").length;
      r.is = [songs.first().is(".first"), songs.is(".nothing"), songs.last().is((i, el) => $(el).hasClass("vip"))];
      r.hasClass = [songs.first().hasClass("song"), songs.first().hasClass("vip")];
      r.get = songs.get().length + ":" + songs.get(0).attribs["data-id"];
      r.toArray = songs.toArray().map((el) => el.attribs["data-id"]);
      r.each = [];
      songs.each(function (i) { r.each.push(i + "=" + $(this).find("a").attr("href")); });
      r.eachBreak = 0;
      songs.each((i) => { r.eachBreak++; return i < 1; });
      r.find = $("#list").find("a").length;
      r.contents = $("p").contents().length;
      r.has = songs.has("em").attr("data-id");
      r.index = songs.last().index();
      r.slice = songs.slice(1).length;
      r.add = songs.first().add("table").length;
      r.table = $("table.chart tr").slice(1).map((i, tr) => $(tr).find("td").text()).get();
    } else if (what === "read") {
      r.title = $("title").text();
      r.html = songs.eq(2).html();
      r.outer = $.html(songs.eq(1));
      r.text = $.text(songs.eq(2).find("a"));
      r.rootText = $.root().find("p").text();
      r.attrAll = songs.first().attr();
      r.attrMissing = songs.first().attr("nope") === undefined;
      r.prop = songs.first().find("a").prop("href");
      r.data = songs.first().data();
      r.dataKey = [songs.first().data("id"), songs.last().data("playCount"), songs.last().data("play-count")];
      r.val = [$("input[name=q]").val(), $("select").val(), $("textarea").val()];
      r.script = $("script").html();
      r.trim = songs.eq(1).text().trim();
      r.css = $("li[data-id='2'] a").text() + "|" + $("li:nth-child(2) span").text() + "|" + $("ul > li:first-child a").attr("href") + "|" + $("a[href^='/s/3']").text();
      r.contains = $("li:contains('七里')").attr("data-id");
      r.notSel = $("li:not(.first)").length;
      r.serialize = $("#list").find("select, input, textarea").length;
    } else if (what === "options") {
      const x = cheerio.load(XML, { xmlMode: true });
      r.xml = x("item").map((i, el) => x(el).find("title").text() + "@" + x(el).find("link").text()).get();
      const frag = cheerio.load("<li>a</li><li>b</li>", null, false);
      r.fragment = frag.html();
      const dec = cheerio.load("<p>&lt;&amp;&gt; &copy;</p>", { decodeEntities: false });
      r.decode = dec("p").html();
      r.loadEmpty = cheerio.load("").html();
      const $2 = cheerio.load(PAGE);
      $2("li.song").first().remove();
      $2("ul").append("<li class=\"song\" data-id=\"4\">新</li>");
      $2("li.song").last().addClass("added").attr("data-x", "y");
      r.mutated = $2("ul").children().map((i, el) => $2(el).attr("data-id") + ":" + $2(el).attr("class")).get();
      r.replaced = $2("em").replaceWith("<i>冷</i>").end().length + $2("i").text();
    }
    return { isEnd: true, data: [r] };
  },
};
