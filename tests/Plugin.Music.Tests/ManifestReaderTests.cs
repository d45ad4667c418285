using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Music.Runtime;

namespace Plugin.Music.Tests;

/// <summary>The load path's direct manifest reader against the serializer it stands in for: the same manifest, or none.</summary>
public sealed class ManifestReaderTests
{
    [Theory]
    [InlineData("""{"platform":"p"}""")]
    [InlineData("""{"platform":"歌源","version":"1.2.0","author":"作者","description":"a\"b\\n\u00e9 <tag> &amp;","appVersion":">0.4.0","srcUrl":"https://x.example/p.js?a=1&b=2"}""")]
    [InlineData("""{"platform":"p","primaryKey":["id","platform"],"cacheControl":"no-store","supportedSearchType":["music","album","artist","sheet","lyric"]}""")]
    [InlineData("""{"platform":"p","primaryKey":[],"cacheControl":"forever"}""")]
    [InlineData("""{"platform":"p","cacheControl":5}""")]
    [InlineData("""{"platform":"p","cacheControl":true,"version":""}""")]
    [InlineData("""{"platform":"p","userVariables":[{"key":"cookie","name":"Cookie","title":"饼干","hint":"登录后复制","order":2,"secret":true},{"key":"uid"}]}""")]
    [InlineData("""{"platform":"p","order":3,"ratio":1.50,"big":1e3,"neg":-0,"flag":false,"defaultSearchType":"music","Platform":"other","note":"中文 \ud83c\udfb5"}""")]
    public void Plain_properties_give_the_serializers_manifest(string json)
    {
        var props = JsonNode.Parse(json)!.AsObject();
        var direct = PlainManifestReader.TryRead(props);
        Assert.NotNull(direct);
        Assert.Equal(Serialize(props.Deserialize(MusicEngineJson.Default.MusicSourceManifest)!), Serialize(direct));
    }

    [Theory]
    [InlineData("""{"platform":"p","hints":{"importMusicItem":["a"]}}""")]
    [InlineData("""{"platform":null}""")]
    [InlineData("""{"platform":"p","version":1.0}""")]
    [InlineData("""{"platform":"p","author":null}""")]
    [InlineData("""{"platform":"p","cacheControl":null}""")]
    [InlineData("""{"platform":"p","primaryKey":"id"}""")]
    [InlineData("""{"platform":"p","primaryKey":["id",1]}""")]
    [InlineData("""{"platform":"p","supportedSearchType":["Music"]}""")]
    [InlineData("""{"platform":"p","supportedSearchType":[0]}""")]
    [InlineData("""{"platform":"p","userVariables":["cookie"]}""")]
    [InlineData("""{"platform":"p","userVariables":[{"key":"k","options":["a","b"]}]}""")]
    [InlineData("""{"platform":"p","extra":{"nested":1}}""")]
    [InlineData("""{"platform":"p","list":[1,2]}""")]
    [InlineData("""{"platform":"p","nothing":null}""")]
    public void Anything_else_is_left_to_the_serializer(string json)
    {
        var props = JsonNode.Parse(json)!.AsObject();
        Assert.Null(PlainManifestReader.TryRead(props));
        // And the load reads it as before: through the serializer, or with its error naming the property.
        Plugin.Sdk.Music.MusicSourceManifest? viaSerializer = null;
        JsonException? refused = null;
        try { viaSerializer = props.Deserialize(MusicEngineJson.Default.MusicSourceManifest); }
        catch (JsonException e) { refused = e; }
        if (refused is not null)
        {
            var error = Assert.Throws<MusicPluginLoadException>(() => JsMusicSource.ReadManifest(props, "p.js"));
            Assert.Equal($"invalid plugin property at {refused.Path}: {refused.Message}", error.Message.Split(": ", 2)[1]);
        }
        else if (string.IsNullOrWhiteSpace(viaSerializer!.Platform))
            Assert.Throws<MusicPluginLoadException>(() => JsMusicSource.ReadManifest(props, "p.js"));
        else
            Assert.Equal(viaSerializer.Platform, JsMusicSource.ReadManifest(props, "p.js").Platform);
    }

    private static string Serialize(Plugin.Sdk.Music.MusicSourceManifest manifest) =>
        JsonSerializer.Serialize(manifest, MusicEngineJson.Default.MusicSourceManifest);
}
