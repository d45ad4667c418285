"""Re-derives the expected JSON of the ported samples from the Python plugins.

Usage: python3 derive.py <MoviePilot-Plugins checkout> <output dir>
Imports plugins.v2/dailysummary/__init__.py and plugins/dailyword/__init__.py with MoviePilot's modules replaced by
stubs (only the UI methods run: get_form, get_page, get_dashboard), and writes what they return as JSON. The inputs
(configs, history, the day's card) are the ones the C# tests use; README.md in this folder lists them.
"""
import os, sys, types, json, importlib.util
from unittest.mock import MagicMock
def stub(name, **attrs):
    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m; return m
class _PluginBase:
    def __init__(self): self._data = {}; self.saved = None; self.messages = []
    def save_data(self, k, v, plugin_id=None): self._data[k] = v
    def get_data(self, k=None, plugin_id=None): return self._data.get(k)
    def update_config(self, c, plugin_id=None): self.saved = c
    def post_message(self, **kw): self.messages.append(kw)
class EM:
    def register(self, *a, **k): return lambda f: f
for n in ["app", "app.core", "app.db", "app.db.models", "app.utils", "apscheduler", "apscheduler.triggers"]: stub(n)
stub("app.plugins", _PluginBase=_PluginBase)
stub("app.utils.http", RequestUtils=MagicMock())
stub("app.log", logger=MagicMock())
stub("app.schemas", NotificationType=MagicMock())
stub("app.core.event", eventmanager=EM(), Event=object)
stub("app.schemas.types", EventType=MagicMock())
stub("app.core.config", settings=MagicMock(TZ="Asia/Shanghai"))
for n, c in [("app.db.transferhistory_oper","TransferHistoryOper"),("app.db.subscribe_oper","SubscribeOper"),("app.db.plugindata_oper","PluginDataOper"),("app.db.models.siteuserdata","SiteUserData")]: stub(n, **{c: MagicMock()})
stub("app.db", ScopedSession=MagicMock())
stub("pytz", timezone=MagicMock())
stub("apscheduler.triggers.cron", CronTrigger=MagicMock())
def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); return mod
plugins, out = sys.argv[1], sys.argv[2]
for d in ("DailySummary", "DailyWord"): os.makedirs(f"{out}/{d}", exist_ok=True)
dw = load(f"{plugins}/plugins/dailyword/__init__.py", "dailyword").DailyWord()
dw.init_plugin({}); conf, model = dw.get_form()
json.dump({"conf": conf, "model": model}, open(f"{out}/DailyWord/form-fresh.json","w"), ensure_ascii=False, indent=2)
dw.init_plugin({"enable": True, "size": "small"}); conf, model = dw.get_form()
json.dump({"conf": conf, "model": model}, open(f"{out}/DailyWord/form.json","w"), ensure_ascii=False, indent=2)
for size in ["mini","small","medium","large"]:
    dw.init_plugin({"enable": True, "size": size})
    dw._DailyWord__get_youngam = lambda **kw: {"src": "http://image.test/one.jpg", "text": "今日的句子", "year": "2026", "month": "12", "day": "03"}
    cols, attrs, el = dw.get_dashboard("dailyword_dashboard")
    json.dump({"cols": cols, "attrs": attrs, "elements": el}, open(f"{out}/DailyWord/dashboard-{size}.json","w"), ensure_ascii=False, indent=2)
dw._DailyWord__get_youngam = lambda **kw: {}
cols, attrs, el = dw.get_dashboard("dailyword_dashboard")
json.dump({"cols": cols, "attrs": attrs, "elements": el}, open(f"{out}/DailyWord/dashboard-nodata.json","w"), ensure_ascii=False, indent=2)

ds_mod = load(f"{plugins}/plugins.v2/dailysummary/__init__.py", "dailysummary")
ds = ds_mod.DailySummary()
ds.init_plugin(None); conf, model = ds.get_form()
json.dump({"conf": conf, "model": model}, open(f"{out}/DailySummary/form.json","w"), ensure_ascii=False, indent=2)
ds.init_plugin({"enabled": True, "daily_cron": "0 22 * * *", "daily_modules": ["transfer", "download"]})
json.dump(ds.get_page(), open(f"{out}/DailySummary/page-empty.json","w"), ensure_ascii=False, indent=2)
long = "入库" * 50
ds.save_data("history", [
  {"time": "2026-12-01 23:00", "type": "daily", "title": "📊 每日总结 (12-01 周二)", "text": "【今日入库】无"},
  {"time": "2026-12-01 23:05", "type": "weekly", "title": "📈 周报 (11-30 ~ 12-01)", "text": long},
  {"time": "2026-12-02 23:00", "type": "daily", "title": "📊 每日总结 (12-02 周三)", "text": "【今日下载】无"},
])
json.dump(ds.get_page(), open(f"{out}/DailySummary/page.json","w"), ensure_ascii=False, indent=2)

# ---- report texts: the sections of _build_report fed with fixed records (the C# test's FixedRecords) ----------------
from types import SimpleNamespace as NS
GB = 1024 ** 3
downloads = [
    NS(title="沙丘2", seasons="", episodes="", torrent_site="馒头", media_category="科幻电影", type="电影"),
    NS(title="三体", seasons="S01", episodes="E05", torrent_site="", media_category="国产剧", type="电视剧"),
    NS(title="繁花", seasons="S01", episodes="", torrent_site="观众", media_category=None, type="电视剧"),
    NS(title="未知", seasons=None, episodes=None, torrent_site=None, media_category=None, type=None),
]
transfers = [
    NS(title="沙丘2", seasons="", episodes="", category="华语电影", type="电影", status=True),
    NS(title="三体", seasons="S01", episodes="E05-E06", category=None, type="电视剧", status=True),
    NS(title="坏文件", seasons="", episodes="", category="华语电影", type="电影", status=False),
    NS(title="流浪地球", seasons=None, episodes=None, category="华语电影", type="电影", status=True),
]
signins = [{"site": "馒头", "status": "签到成功"}, {"site": "观众", "status": "签到失败"},
           {"site": "朋友", "status": "模拟登录成功"}, {"site": "柠檬", "status": "已签到成功"}]
brush = {"uploaded": GB, "active_uploaded": GB // 2, "downloaded": 1536, "active": 3, "deleted": 7, "count": 12}
def site(domain, name, up, down, ratio, bonus): return NS(domain=domain, name=name, upload=up, download=down, ratio=ratio, bonus=bonus)
site_start = [site("a.com", "馒头站点名很长", 100 * GB, 10 * GB, 10.0, 1000.4), site("b.org", None, 5 * GB, GB, 5.0, 50),
              site("c.net", "观众", GB, 0, 0, 10)]
site_end = [site("a.com", "馒头站点名很长", 101.5 * GB, 10 * GB, 10.15, 1200.5), site("b.org", None, 5 * GB, GB, None, 50),
            site("c.net", "观众", 2 * GB, 512 * 1024 ** 2, 0, 9.5), site("d.io", "新站", GB, 0, None, 0),
            site("e.cc", "空站", 0, 0, None, 0)]
subs = [NS(name="繁花", season=1, total_episode=30, lack_episode=12), NS(name="沙丘3", season=None, total_episode=0, lack_episode=0)]

class Col:
    def __gt__(self, other): return True
    def desc(self): return self
class Query:
    def filter(self, *a): return self
    def order_by(self, *a): return self
    def all(self): return downloads
class Db:
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def query(self, *a): return Query()
ds_mod.ScopedSession = lambda: Db()
stub("app.db.models.downloadhistory", DownloadHistory=NS(date=Col()))
ds_mod.TransferHistoryOper = lambda: NS(list_by_date=lambda since: transfers)
def get_data(pid, key):
    if pid == "AutoSignIn": return signins
    if pid == "BrushFlow" and key == "statistic": return brush
    return None
ds_mod.PluginDataOper = lambda: NS(get_data=get_data)
ds_mod.SubscribeOper = lambda: NS(list=lambda state=None: subs)
class Sud:
    start = None
    @staticmethod
    def get_by_date(db, date): return site_start if date == Sud.start else site_end
    @staticmethod
    def get_latest(db): return site_end
ds_mod.SiteUserData = Sud
qb = NS(get_completed_torrents=lambda: [1] * 5, get_downloading_torrents=lambda: [1, 2],
        transfer_info=lambda: {"up_info_speed": 2048, "dl_info_speed": 1536.5})
stub("app.helper", )
stub("app.helper.downloader", DownloaderHelper=lambda: NS(get_services=lambda: {"qb": NS(instance=qb), "tr": NS(instance=None)}))
import datetime as _dt
ds_mod.pytz = NS(timezone=lambda tz: None)
ds = ds_mod.DailySummary()
for report, modules in [("daily", ["download", "transfer", "signin", "brush", "downloader", "site_delta"]),
                        ("weekly", ["download", "transfer", "subscribe", "site_delta"]),
                        ("monthly", ["download", "transfer", "site_current", "site_delta", "brush", "nonexistent"])]:
    ds.init_plugin({"enabled": True, f"{report}_modules": modules})
    # the site delta compares the period's first day with today: make the start rows those of the first day
    Sud.start = ds._calc_time_range(report).start_date
    header, text = ds._build_report(report)
    open(f"{out}/DailySummary/report-{report}.txt", "w").write(text + "\n")
