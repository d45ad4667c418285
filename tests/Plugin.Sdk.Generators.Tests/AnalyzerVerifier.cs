using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Roslyn's analyzer/code-fix test harness set up for plugin sources: the markup <c>{|MPP0001:text|}</c> marks where a
/// diagnostic is expected. The compilation sees the running test's own BCL and Plugin.Sdk (no reference-assembly
/// download: this machine has no internet beyond the NuGet mirror).
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The analyzer reports exactly the marked diagnostics.</summary>
    public static Task Analyze(string source, string? version = null)
    {
        var test = Create(source, version);
        return test.RunAsync();
    }

    /// <summary>The analyzer reports the marked diagnostics, and the code fix (one by one and all at once) turns the source into <paramref name="fixedSource"/>.</summary>
    public static Task Fix(string source, string fixedSource, string? version = null, int iterations = 1)
    {
        var test = Create(source, version);
        test.FixedCode = fixedSource;
        test.NumberOfIncrementalIterations = iterations;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    /// <summary>Like <see cref="Fix"/>, with <paramref name="others"/> running beside <typeparamref name="TAnalyzer"/>.</summary>
    public static Task FixWith(DiagnosticAnalyzer[] others, string source, string fixedSource, int iterations = 1)
    {
        var test = Create(source, null, others);
        test.FixedCode = fixedSource;
        test.NumberOfIncrementalIterations = iterations;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    private sealed class Test(DiagnosticAnalyzer[] others) : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(others);
    }

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string? version, DiagnosticAnalyzer[]? others = null)
    {
        var test = new Test(others ?? [])
        {
            TestCode = source,
            // A framework name with no package: resolves to no references and downloads nothing; the references
            // below are the whole compilation.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest))
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable));
        });
        if (version is not null)
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.Version = " + version + "\n"));
        return test;
    }
}
