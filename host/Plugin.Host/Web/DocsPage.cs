using Swashbuckle.AspNetCore.SwaggerUI;

namespace Plugin.Host.Web;

/// <summary>
/// <c>/docs</c>: Swagger UI (Swashbuckle.AspNetCore.SwaggerUI, its files embedded in the package: nothing comes from a
/// CDN) over the host's own OpenAPI document <c>/openapi/v1.json</c> — host and plugin APIs, with the security schemes
/// of <see cref="OpenApiSecurity"/> under "Authorize", so calls can be tried with a token. <c>/docs</c> redirects to
/// <c>/docs/index.html</c>; <c>/docs/openapi.json</c> to the document.
/// </summary>
public static class DocsPage
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The route the documents are served at.</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>Where Swagger UI is served (its route prefix).</summary>
    public const string Path = "/docs";

    /// <summary>The host's script in the page (<see cref="Script"/>).</summary>
    public const string ScriptPath = Path + "/host-auth.js";

    public static void MapDocs(this WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = Path.TrimStart('/');
            o.DocumentTitle = "Plugin.Host API";
            o.SwaggerEndpoint(DocumentPath, "Plugin.Host API v1");
            o.HeadContent = $"<script src=\"{ScriptPath}\"></script>";
            // The script's hooks: credentials for the document, and the web UI's token filled into "Authorize".
            o.Interceptors = new InterceptorFunctions
            {
                RequestInterceptorFunction = "function (request) { return window.hostDocs ? window.hostDocs.request(request) : request; }",
                ResponseInterceptorFunction = "function (response) { return window.hostDocs ? window.hostDocs.response(response) : response; }",
            };
            o.ConfigObject.Plugins = ["window.hostDocs.plugin"];
            o.ConfigObject.DisplayRequestDuration = true;
            // No schema validation service: it would send the document to a third party.
            o.ConfigObject.ValidatorUrl = null;
        });
        app.MapGet(ScriptPath, () => Results.Text(Script, "text/javascript; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet(Path + "/openapi.json", () => Results.Redirect(DocumentPath)).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>
    /// The host's additions to the page. The document is served only to callers with credentials unless
    /// <c>Host:OpenApi:Anonymous</c>: the page fetches it with the web UI's login token (kept in localStorage under
    /// "token", same origin) or the page's own <c>?apikey=</c>, and says how to get in when neither works. The same
    /// credential fills its scheme in "Authorize" (Bearer, or ApiKeyQuery), so "Try it out" works at once; "Logout" there
    /// clears it to try another.
    /// </summary>
    private const string Script = $$"""
        (function () {
          'use strict';
          var documentPath = '{{DocumentPath}}';
          var token = null;
          try { token = localStorage.getItem('token'); } catch (e) { /* storage blocked */ }
          var apikey = new URLSearchParams(location.search).get('apikey');
          var isDocument = function (url) {
            var u = new URL(url, location.href);
            return u.origin === location.origin && u.pathname === documentPath;
          };
          var preauthorize = function (system) {
            if (token) system.preauthorizeApiKey('{{OpenApiSecurity.Bearer}}', token);
            else if (apikey) system.preauthorizeApiKey('{{OpenApiSecurity.ApiKeyQuery}}', apikey);
          };
          window.hostDocs = {
            request: function (request) {
              if (isDocument(request.url)) {
                if (apikey) {
                  var u = new URL(request.url, location.href);
                  u.searchParams.set('apikey', apikey);
                  request.url = u.toString();
                } else if (token && !request.headers.Authorization) {
                  request.headers.Authorization = 'Bearer ' + token;
                }
              }
              return request;
            },
            response: function (response) {
              if (response.status === 401 && isDocument(response.url) && !document.getElementById('host-docs-login')) {
                var note = document.createElement('p');
                note.id = 'host-docs-login';
                note.style.cssText = 'margin:1rem;padding:.75rem 1rem;border-radius:4px;background:#fff4e5;font-family:sans-serif';
                note.textContent = 'The API document needs credentials: log in through the web UI (/) first, or open /docs?apikey=<API key>.';
                document.body.insertBefore(note, document.body.firstChild);
              }
              return response;
            },
            // A Swagger UI plugin: once the document is in, fill "Authorize" with the credential the page has.
            plugin: function () {
              return {
                statePlugins: {
                  spec: {
                    wrapActions: {
                      updateJsonSpec: function (original, system) {
                        return function () {
                          var result = original.apply(this, arguments);
                          try { preauthorize(system); } catch (e) { console.warn('docs: could not fill Authorize', e); }
                          return result;
                        };
                      }
                    }
                  }
                }
              };
            }
          };
        })();
        """;
}
