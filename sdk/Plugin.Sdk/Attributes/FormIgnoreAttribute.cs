namespace Plugin.Sdk;

/// <summary>Leaves a config property out of the generated form (it is still saved).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FormIgnoreAttribute : Attribute;
