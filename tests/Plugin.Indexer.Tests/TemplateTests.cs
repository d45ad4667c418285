using Plugin.Indexer.Templates;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>The seed's Jinja templates, with Jinja2's semantics (checked against jinja2 3.1).</summary>
public sealed class TemplateTests
{
    private const string SeedTitle = "{% if fields['title_optional'] %}{{ fields['title_optional'] }}{% else %}{{ fields['title_default'] }}{% endif %}";

    private static string Render(string template, params (string Key, string? Value)[] fields) =>
        JinjaTemplate.Parse(template).Render(fields.ToDictionary(f => f.Key, f => f.Value));

    [Fact]
    public void Seed_title_prefers_the_optional_title() =>
        Assert.Equal("Full", Render(SeedTitle, ("title_optional", "Full"), ("title_default", "Short")));

    [Fact]
    public void Empty_string_is_false_as_in_jinja_not_true_as_in_liquid() =>
        Assert.Equal("Short", Render(SeedTitle, ("title_optional", ""), ("title_default", "Short")));

    [Fact]
    public void A_field_that_found_nothing_is_None_and_prints_so() =>
        Assert.Equal("None", Render(SeedTitle, ("title_optional", null), ("title_default", null)));

    [Fact]
    public void An_undefined_field_prints_nothing() => Assert.Equal("[]", Render("[{{ fields['nope'] }}]"));

    [Theory]
    [InlineData("{% if fields['a'] == 'x' %}1{% elif fields['b'] %}2{% else %}3{% endif %}", "1")]
    [InlineData("{% if fields['a'] == 'z' %}1{% elif fields['b'] %}2{% else %}3{% endif %}", "2")]
    [InlineData("{% if not fields['a'] %}no{% else %}yes{% endif %}", "yes")]
    [InlineData("{% if fields['c'] is none %}none{% endif %}", "none")]
    [InlineData("{% if 'b' in fields['b'] and fields['a'] != 'y' %}ok{% endif %}", "ok")]
    [InlineData("{{ fields['b'] | upper }}-{{ fields['a'] ~ '!' }}", "BB-x!")]
    [InlineData("{{ fields['nope'] | default('dflt') }}|{{ fields['pad'] | trim }}", "dflt|p")]
    [InlineData("{{ fields.b | replace('b', 'c') }}", "cc")]
    [InlineData("  {%- if fields['a'] -%}  A  {%- endif -%}  \n", "A")]
    public void Jinja_expressions_and_filters(string template, string expected) =>
        Assert.Equal(expected, Render(template, ("a", "x"), ("b", "bb"), ("c", null), ("pad", "  p ")));

    [Theory]
    [InlineData("{% if fields['a'] %}x", "{% endif %} is missing")]
    [InlineData("{{ fields['a'] | shout }}", "filter 'shout' is not supported")]
    [InlineData("{% for x in y %}{% endfor %}", "{% for %} is not supported")]
    [InlineData("{{ fields['a' }}", "']' is missing")]
    public void Bad_templates_say_what_is_wrong(string template, string problem)
    {
        var e = Assert.Throws<FormatException>(() => JinjaTemplate.Parse(template));
        Assert.Contains(problem, e.Message);
    }
}
