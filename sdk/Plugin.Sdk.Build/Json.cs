using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Plugin.Sdk.Build
{
    /// <summary>
    /// A small JSON reader and writer. The task runs inside MSBuild on netstandard2.0, where System.Text.Json is not
    /// guaranteed to be present at a version we could bind to; package.json also needs one fixed layout (two-space
    /// indent, readable CJK, LF) so that the same entries always give the same bytes.
    /// </summary>
    internal abstract class JsonNode
    {
        public static JsonNode Parse(string text)
        {
            var parser = new Parser(text);
            parser.SkipWhitespace();
            var value = parser.ReadValue();
            parser.SkipWhitespace();
            if (!parser.AtEnd) throw parser.Error("unexpected text after the JSON value");
            return value;
        }

        public string ToIndentedString()
        {
            var builder = new StringBuilder();
            Write(builder, 0);
            builder.Append('\n');
            return builder.ToString();
        }

        internal abstract void Write(StringBuilder builder, int indent);

        protected static void NewLine(StringBuilder builder, int indent) => builder.Append('\n').Append(' ', indent * 2);

        internal static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        // Only what JSON requires (and the two JavaScript line separators) is escaped: 中文 stays readable.
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                }
            }
            builder.Append('"');
        }

        private sealed class Parser
        {
            private readonly string _text;
            private int _position;

            public Parser(string text) => _text = text;

            public bool AtEnd => _position >= _text.Length;

            public FormatException Error(string message) => new FormatException("Invalid JSON at offset " + _position + ": " + message);

            public void SkipWhitespace()
            {
                while (!AtEnd && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r' || _text[_position] == '\uFEFF'))
                    _position++;
            }

            public JsonNode ReadValue()
            {
                if (AtEnd) throw Error("value expected");
                var c = _text[_position];
                switch (c)
                {
                    case '{': return ReadObject();
                    case '[': return ReadArray();
                    case '"': return new JsonString(ReadString());
                    case 't': return ReadLiteral("true");
                    case 'f': return ReadLiteral("false");
                    case 'n': return ReadLiteral("null");
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                        throw Error("unexpected character '" + c + "'");
                }
            }

            private JsonObject ReadObject()
            {
                var result = new JsonObject();
                _position++;
                SkipWhitespace();
                if (!AtEnd && _text[_position] == '}') { _position++; return result; }
                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd || _text[_position] != '"') throw Error("property name expected");
                    var name = ReadString();
                    SkipWhitespace();
                    Expect(':');
                    SkipWhitespace();
                    result.Set(name, ReadValue());
                    SkipWhitespace();
                    if (AtEnd) throw Error("'}' expected");
                    if (_text[_position] == ',') { _position++; continue; }
                    Expect('}');
                    return result;
                }
            }

            private JsonArray ReadArray()
            {
                var result = new JsonArray();
                _position++;
                SkipWhitespace();
                if (!AtEnd && _text[_position] == ']') { _position++; return result; }
                while (true)
                {
                    SkipWhitespace();
                    result.Items.Add(ReadValue());
                    SkipWhitespace();
                    if (AtEnd) throw Error("']' expected");
                    if (_text[_position] == ',') { _position++; continue; }
                    Expect(']');
                    return result;
                }
            }

            private string ReadString()
            {
                Expect('"');
                var builder = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw Error("unterminated string");
                    var c = _text[_position++];
                    if (c == '"') return builder.ToString();
                    if (c != '\\') { builder.Append(c); continue; }
                    if (AtEnd) throw Error("unterminated escape");
                    var e = _text[_position++];
                    switch (e)
                    {
                        case '"': builder.Append('"'); break;
                        case '\\': builder.Append('\\'); break;
                        case '/': builder.Append('/'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'u':
                            if (_position + 4 > _text.Length) throw Error("incomplete \\u escape");
                            builder.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _position += 4;
                            break;
                        default: throw Error("unknown escape '\\" + e + "'");
                    }
                }
            }

            private JsonNode ReadLiteral(string literal)
            {
                if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0) throw Error(literal + " expected");
                _position += literal.Length;
                return new JsonRaw(literal);
            }

            private JsonNode ReadNumber()
            {
                var start = _position;
                while (!AtEnd && "+-0123456789.eE".IndexOf(_text[_position]) >= 0) _position++;
                var raw = _text.Substring(start, _position - start);
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw Error("invalid number '" + raw + "'");
                return new JsonRaw(raw);
            }

            private void Expect(char c)
            {
                if (AtEnd || _text[_position] != c) throw Error("'" + c + "' expected");
                _position++;
            }
        }
    }

    internal sealed class JsonObject : JsonNode
    {
        public List<KeyValuePair<string, JsonNode>> Properties { get; } = new List<KeyValuePair<string, JsonNode>>();

        public JsonNode? Get(string name)
        {
            foreach (var property in Properties)
                if (property.Key == name) return property.Value;
            return null;
        }

        /// <summary>Replaces a property in place (keeping its position) or appends it.</summary>
        public void Set(string name, JsonNode value)
        {
            for (var i = 0; i < Properties.Count; i++)
            {
                if (Properties[i].Key != name) continue;
                Properties[i] = new KeyValuePair<string, JsonNode>(name, value);
                return;
            }
            Properties.Add(new KeyValuePair<string, JsonNode>(name, value));
        }

        public bool Remove(string name) => Properties.RemoveAll(p => p.Key == name) > 0;

        internal override void Write(StringBuilder builder, int indent)
        {
            if (Properties.Count == 0) { builder.Append("{}"); return; }
            builder.Append('{');
            for (var i = 0; i < Properties.Count; i++)
            {
                if (i > 0) builder.Append(',');
                NewLine(builder, indent + 1);
                WriteString(builder, Properties[i].Key);
                builder.Append(": ");
                Properties[i].Value.Write(builder, indent + 1);
            }
            NewLine(builder, indent);
            builder.Append('}');
        }
    }

    internal sealed class JsonArray : JsonNode
    {
        public List<JsonNode> Items { get; } = new List<JsonNode>();

        internal override void Write(StringBuilder builder, int indent)
        {
            if (Items.Count == 0) { builder.Append("[]"); return; }
            builder.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0) builder.Append(',');
                NewLine(builder, indent + 1);
                Items[i].Write(builder, indent + 1);
            }
            NewLine(builder, indent);
            builder.Append(']');
        }
    }

    internal sealed class JsonString : JsonNode
    {
        public JsonString(string value) => Value = value;

        public string Value { get; }

        internal override void Write(StringBuilder builder, int indent) => WriteString(builder, Value);
    }

    /// <summary>A number or literal kept as written, so no value changes by a round trip through double.</summary>
    internal sealed class JsonRaw : JsonNode
    {
        public JsonRaw(string text) => Text = text;

        public string Text { get; }

        internal override void Write(StringBuilder builder, int indent) => builder.Append(Text);
    }
}
