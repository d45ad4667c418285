namespace Plugin.Host.Web;

/// <summary>
/// <c>/docs</c>: a small self-contained page over the OpenAPI document (no CDN, nothing to download), listing every
/// operation — host and plugin APIs — with its parameters. The raw document is at <c>/openapi/v1.json</c>.
/// </summary>
public static class DocsPage
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The route the documents are served at.</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static void MapDocs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/docs", () => Results.Content(Html, "text/html; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/docs/openapi.json", () => Results.Redirect(DocumentPath)).ExcludeFromDescription().AllowAnonymous();
    }

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Plugin.Host API</title>
        <style>
          body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
          h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
          .op{margin:.4rem 0;padding:.4rem .6rem;border-radius:6px;background:#f6f8fa}
          .m{display:inline-block;width:4.5rem;font-weight:bold;text-transform:uppercase}
          .get{color:#0a7}.post{color:#05c}.put{color:#c70}.delete{color:#c22}
          code{font-size:.95em} .p{color:#555;font-size:.9em;margin-left:5rem}
        </style></head>
        <body><h1>Plugin.Host API</h1>
        <p>OpenAPI document: <a href="/openapi/v1.json">/openapi/v1.json</a>. Management endpoints need
        <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/v1/login/access-token</code> or the API key
        (<code>?apikey=</code> / <code>X-API-KEY</code>); so does the document itself unless the host serves it to
        everyone (<code>Host:OpenApi:Anonymous</code>). This page sends the web UI's login token, or the page's own
        <code>?apikey=</code>.</p>
        <div id="ops">Loading…</div>
        <script>
        // The web UI keeps its login token in localStorage under "token" (same origin); ?apikey= on this page works too.
        const token = (() => { try { return localStorage.getItem('token') || ''; } catch { return ''; } })();
        const apikey = new URLSearchParams(location.search).get('apikey');
        fetch('/openapi/v1.json' + (apikey ? '?apikey=' + encodeURIComponent(apikey) : ''),
              { headers: token ? { Authorization: 'Bearer ' + token } : {} })
          .then(r => {
            if (r.status === 401) throw new Error('log in through the web UI (/) first, or open /docs?apikey=<API key>');
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.json();
          }).then(doc => {
          const groups = {};
          for (const [path, item] of Object.entries(doc.paths || {}))
            for (const [method, op] of Object.entries(item))
              if (['get','post','put','delete','patch'].includes(method))
                (groups[(op.tags && op.tags[0]) || 'other'] ||= []).push({path, method, op});
          const esc = s => String(s ?? '').replace(/[&<>]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
          document.getElementById('ops').innerHTML = Object.keys(groups).sort().map(g =>
            `<h2>${esc(g)}</h2>` + groups[g].map(({path, method, op}) =>
              `<div class="op"><span class="m ${method}">${method}</span><code>${esc(path)}</code> — ${esc(op.summary)}` +
              ((op.parameters || []).length ? `<div class="p">${op.parameters.map(p => esc(p.name) + (p.required ? '*' : '') + ' (' + esc(p.in) + ')').join(', ')}</div>` : '') +
              `</div>`).join('')).join('');
        }).catch(e => document.getElementById('ops').textContent = 'Could not load the document: ' + e);
        </script></body></html>
        """;
}
