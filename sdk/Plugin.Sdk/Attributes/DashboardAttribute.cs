namespace Plugin.Sdk;

/// <summary>
/// A dashboard widget (the seed's <c>get_dashboard_meta</c> + <c>get_dashboard</c>). Allowed signatures: <c>()</c>,
/// <c>(DashboardRequest)</c>, optionally followed by <see cref="CancellationToken"/>, returning <see cref="Ui.DashboardView"/>
/// or a task of one. The attribute's layout values are defaults the returned view may override.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DashboardAttribute(string key, string name) : Attribute
{
    /// <summary>Unique within the plugin.</summary>
    public string Key { get; } = key;

    /// <summary>The widget's name in the dashboard's widget list.</summary>
    public string Name { get; } = name;

    /// <summary>Columns on small screens (of 12).</summary>
    public int Cols { get; set; } = 12;

    /// <summary>Columns on medium and larger screens (of 12); 0 = same as <see cref="Cols"/>.</summary>
    public int Md { get; set; }

    /// <summary>Auto refresh in seconds; 0 = never.</summary>
    public int Refresh { get; set; }

    /// <summary>Whether the host draws the card border and padding.</summary>
    public bool Border { get; set; } = true;

    /// <summary>Title shown on the card; null for none.</summary>
    public string? Title { get; set; }

    /// <summary>Subtitle shown on the card; null for none.</summary>
    public string? Subtitle { get; set; }
}
