using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Storage selection: when <see cref="Storage"/> is yours, set <see cref="StorageOper"/>.</summary>
public sealed class StorageOperSelectionEventData : ChainEventData
{
    /// <summary>The storage type asked for, e.g. <c>alist</c>.</summary>
    public string? Storage { get; set; }

    /// <summary>The provider answering for <see cref="Storage"/>; not serialised.</summary>
    [JsonIgnore] public IStorageProvider? StorageOper { get; set; }
}
