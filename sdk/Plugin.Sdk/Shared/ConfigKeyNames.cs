// Compiled into Plugin.Sdk and, linked, into the generator (internal in both): the serializer and the generated form
// must agree on every config key, so both convert names here. See README.md in this folder.
using System.Globalization;
using System.Text;

namespace Plugin.Sdk;

/// <summary>A config property's JSON key under a <see cref="ConfigKeyNaming"/>.</summary>
internal static class ConfigKeyNames
{
    public static string Convert(ConfigKeyNaming naming, string propertyName) => naming switch
    {
        ConfigKeyNaming.Lowercase => propertyName.ToLowerInvariant(),
        ConfigKeyNaming.CamelCase => propertyName.Length == 0 || !char.IsUpper(propertyName[0])
            ? propertyName
            : CamelCase(propertyName),
        _ => SnakeCase(propertyName),
    };

    /// <summary>
    /// System.Text.Json's <c>JsonNamingPolicy.SnakeCaseLower</c> rule (the generator cannot call it: it runs on
    /// netstandard2.0): a word starts at an upper-case letter after a lower-case letter or digit, at the last upper-case
    /// letter of a run followed by a lower-case one, and after spaces; other characters are kept and end a word.
    /// tests/Plugin.Sdk.Generators.Tests checks it against the library's policy.
    /// </summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        var state = Word.None;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is Word.LowerOrDigit or Word.Space
                        || state == Word.Upper && i + 1 < name.Length && char.IsLower(name[i + 1]))
                        text.Append('_');
                    text.Append(char.ToLowerInvariant(c));
                    state = Word.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == Word.Space) text.Append('_');
                    text.Append(c);
                    state = Word.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != Word.None) state = Word.Space;
                    break;
                default:
                    text.Append(c);
                    state = Word.None;
                    break;
            }
        }
        return text.ToString();
    }

    // camelCase as System.Text.Json writes it: the leading run of capitals goes lower case, except the last one when a
    // lower-case letter follows it ("URLValue" → "urlValue").
    private static string CamelCase(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (char.IsSeparator(chars[i + 1])) chars[i] = char.ToLowerInvariant(chars[i]);
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    private enum Word
    {
        None,
        Upper,
        LowerOrDigit,
        Space,
    }
}
