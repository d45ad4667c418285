using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Ui;

internal sealed class UiNodeJsonConverter : JsonConverter<UiNode>
{
    public override UiNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UiNode.Raw(JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A UI node must be a JSON object."));

    public override void Write(Utf8JsonWriter writer, UiNode value, JsonSerializerOptions options) =>
        value.ToJson().WriteTo(writer, options);
}
