using System.Reflection;
using System.Text.Json.Nodes;
using Plugin.Sdk;

namespace Plugin.Sdk.Testing.Tests;

/// <summary>
/// <see cref="EventTypes"/> answers at run time, without reflection, what the <see cref="EventDataAttribute"/>s on the
/// enums declare (the generator reads the attributes): the two must agree for every event.
/// </summary>
public class EventTypesTests
{
    public static TheoryData<EventType> Events() => [.. Enum.GetValues<EventType>()];

    public static TheoryData<ChainEventType> ChainEvents() => [.. Enum.GetValues<ChainEventType>()];

    [Theory]
    [MemberData(nameof(Events))]
    public void Broadcast_events_agree_with_their_attribute(EventType type)
    {
        var attribute = Declared(type);
        Assert.Equal(attribute.WireName, EventTypes.WireName(type));
        Assert.IsType(attribute.DataType, EventTypes.Deserialize(type, new JsonObject()));
        Assert.True(EventTypes.TryParse(attribute.WireName, out EventType byWire) && byWire == type);
        Assert.True(EventTypes.TryParse(type.ToString().ToLowerInvariant(), out EventType byName) && byName == type);
    }

    [Theory]
    [MemberData(nameof(ChainEvents))]
    public void Chain_events_agree_with_their_attribute(ChainEventType type)
    {
        var attribute = Declared(type);
        Assert.Equal(attribute.WireName, EventTypes.WireName(type));
        Assert.IsType(attribute.DataType, EventTypes.Deserialize(type, new JsonObject()));
        Assert.Equal(attribute.TimeLimitSeconds == 0 ? null : TimeSpan.FromSeconds(attribute.TimeLimitSeconds), EventTypes.TimeLimit(type));
        Assert.True(EventTypes.TryParse(attribute.WireName, out ChainEventType byWire) && byWire == type);
    }

    [Fact]
    public void Unknown_names_do_not_parse_and_event_data_keeps_unknown_fields()
    {
        Assert.False(EventTypes.TryParse("no.such.event", out EventType _));
        var data = (NameRecognizeEventData)EventTypes.Deserialize(ChainEventType.NameRecognize,
            JsonNode.Parse("""{"title": "A.S01E02", "season": "1", "custom": {"x": 1}}"""));
        Assert.Equal("A.S01E02", data.Title);
        Assert.Equal(1, data.Season);
        Assert.True(data.Extra!.ContainsKey("custom"));
    }

    private static EventDataAttribute Declared<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<EventDataAttribute>()
        ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no [EventData].");
}
