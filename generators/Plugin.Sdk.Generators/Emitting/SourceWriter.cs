using System.Text;

namespace Plugin.Sdk.Generators.Emitting
{
    /// <summary>A StringBuilder that indents: the one writer every emitted file goes through.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new();
        private int _indent;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
            _builder.Append('\n');
            return this;
        }

        public SourceWriter Open(string text = "{")
        {
            Line(text);
            _indent++;
            return this;
        }

        public SourceWriter Close(string text = "}")
        {
            _indent--;
            return Line(text);
        }

        public SourceWriter Indent()
        {
            _indent++;
            return this;
        }

        public SourceWriter Outdent()
        {
            _indent--;
            return this;
        }

        public override string ToString() => _builder.ToString();
    }
}
