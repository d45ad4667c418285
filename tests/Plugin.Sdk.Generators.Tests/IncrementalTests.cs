using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Plugin.Sdk.Generators.Tests;

public class IncrementalTests
{
    [Fact]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Full, TestSources.Second, TestSources.Third, TestSources.Music);
        var first = GeneratorHarness.Run(compilation);
        Assert.Single(first.Run.GeneratedSources);

        // Edit a method body inside a plugin class: the generator re-reads the class but its model is equal.
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("public void Unrelated()"));
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            tree.ToString().Replace("var x = 1;", "var x = 2 + 40;"), System.Text.Encoding.UTF8));
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        var steps = second.Run.TrackedSteps;
        var tracked = typeof(PluginGenerator.Steps).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.All(tracked, name => Assert.True(steps.ContainsKey(name), $"step {name} is tracked"));
        foreach (var name in tracked)
        {
            foreach (var run in steps[name])
            {
                foreach (var (_, reason) in run.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            }
        }
        Assert.All(second.Run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [Fact]
    public void Editing_a_plugin_attribute_regenerates_the_manifest()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Full, TestSources.Second);
        var first = GeneratorHarness.Run(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("签到"));
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("签到", "自动签到"), System.Text.Encoding.UTF8));
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        Assert.Contains(second.Run.TrackedSteps[PluginGenerator.Steps.Models].SelectMany(r => r.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("自动签到", second.GeneratedText);
    }
}
