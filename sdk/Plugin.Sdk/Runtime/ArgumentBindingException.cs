namespace Plugin.Sdk;

/// <summary>An argument was missing or had the wrong form; the host answers 400 with <see cref="Exception.Message"/>.</summary>
public sealed class ArgumentBindingException(string argument, string message) : Exception(message)
{
    public string Argument { get; } = argument;
}
