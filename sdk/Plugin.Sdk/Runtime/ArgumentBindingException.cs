namespace Plugin.Sdk;

/// <summary>An argument was missing or had the wrong form; the host answers 400 with <see cref="Exception.Message"/>.</summary>
public sealed class ArgumentBindingException(string argument, string message) : Exception(message)
{
    /// <summary>The name of the parameter that could not be bound.</summary>
    public string Argument { get; } = argument;
}
