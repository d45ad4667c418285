namespace Plugin.Host.Dev;

/// <summary>Dev mode's lines in the terminal, apart from the host's log: "dev:" first, errors red and warnings yellow
/// when the output is a terminal.</summary>
internal sealed class DevConsole
{
    private readonly Lock _gate = new();
    private readonly bool _colors = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Info(string text) => Write(text, null);

    public void Success(string text) => Write(text, ConsoleColor.Green);

    public void Warning(string text) => Write(text, ConsoleColor.Yellow);

    public void Error(string text) => Write(text, ConsoleColor.Red);

    public void Diagnostic(BuildDiagnostic diagnostic) => Write("  " + diagnostic, diagnostic.IsError ? ConsoleColor.Red : ConsoleColor.Yellow);

    private void Write(string text, ConsoleColor? color)
    {
        lock (_gate)
        {
            if (_colors && color is { } c)
                Console.ForegroundColor = c;
            Console.Out.WriteLine("dev: " + text);
            if (_colors && color is not null)
                Console.ResetColor();
            Console.Out.Flush();
        }
    }
}
