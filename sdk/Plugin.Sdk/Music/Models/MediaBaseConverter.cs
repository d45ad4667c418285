using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>
/// Writes a <see cref="MediaBase"/> with its runtime type, so a list declared as MediaBase (search results) keeps
/// every field of its music/album/artist/sheet items. Reads a bare MediaBase (platform, id, the rest in Extra).
/// </summary>
/// <remarks>Hidden from IntelliSense: <see cref="MediaBase"/> names it in its <c>[JsonConverter]</c>, so nobody needs to add it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MediaBaseConverter : JsonConverter<MediaBase>
{
    /// <summary>True only for <see cref="MediaBase"/> itself; derived items use their own contracts.</summary>
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(MediaBase);

    /// <summary>Reads a bare item: <c>platform</c>, <c>id</c> and the rest in <see cref="MediaBase.Extra"/>.</summary>
    public override MediaBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException($"Expected a media item object, found {document.RootElement.ValueKind}.");
        var item = new MediaBase();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "platform": item.Platform = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null; break;
                case "id": item.Id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(); break;
                default: (item.Extra ??= [])[property.Name] = property.Value.Clone(); break;
            }
        }
        return item;
    }

    /// <summary>Writes the item with its runtime type, so fields of derived items are kept.</summary>
    public override void Write(Utf8JsonWriter writer, MediaBase value, JsonSerializerOptions options)
    {
        if (value.GetType() != typeof(MediaBase))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
            return;
        }
        writer.WriteStartObject();
        if (value.Platform is not null) writer.WriteString("platform", value.Platform);
        writer.WriteString("id", value.Id);
        if (value.Extra is not null)
            foreach (var (key, element) in value.Extra)
            {
                writer.WritePropertyName(key);
                element.WriteTo(writer);
            }
        writer.WriteEndObject();
    }
}
