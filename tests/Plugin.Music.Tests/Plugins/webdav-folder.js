// A MusicFree plugin over a WebDAV share, written for the tests along the lines of the public WebDAV plugin: the
// user's folders are listed with the webdav package, audio files become music items, and the playable URL is the
// package's download link (credentials in the URL, as MusicFree's player fetches it).
const { createClient, AuthType } = require("webdav");

function client() {
  const { url, username, password } = env.getUserVariables();
  if (!url) throw new Error("set the WebDAV address first");
  return createClient(url, { authType: AuthType.Password, username, password });
}

function folders() {
  const { searchPath } = env.getUserVariables();
  return searchPath ? searchPath.split(",") : ["/"];
}

const toMusicItem = (file) => ({ id: file.filename, title: file.basename, artist: "未知作者", album: "未知专辑", size: file.size });

async function audioFiles(folder) {
  const entries = await client().getDirectoryContents(folder);
  return entries.filter((it) => it.type === "file" && it.mime.startsWith("audio"));
}

module.exports = {
  platform: "WebDAV 测试",
  version: "0.1.0",
  userVariables: [{ key: "url", name: "WebDAV地址" }, { key: "username", name: "用户名" }, { key: "password", name: "密码" }, { key: "searchPath", name: "路径" }],
  supportedSearchType: ["music"],
  async search(query, page, type) {
    const found = [];
    for (const folder of folders()) found.push(...(await audioFiles(folder)));
    return { isEnd: true, data: found.filter((it) => it.basename.includes(query)).map(toMusicItem) };
  },
  async getTopLists() {
    return [{ title: "全部歌曲", data: folders().map((it) => ({ id: it, title: it })) }];
  },
  async getTopListDetail(topListItem) {
    return { isEnd: true, musicList: (await audioFiles(topListItem.id)).map(toMusicItem) };
  },
  async getMediaSource(musicItem) {
    return { url: client().getFileDownloadLink(musicItem.id) };
  },
  // The lyric file next to the song, read as text through the package (GET).
  async getLyric(musicItem) {
    const lrc = musicItem.id.replace(/\.[^.]+$/, ".lrc");
    return { rawLrc: await client().getFileContents(lrc, { format: "text" }) };
  },
};
