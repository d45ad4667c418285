using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Diagnostics.Analyzers;

namespace Plugin.Sdk.CodeFixes
{
    /// <summary>
    /// MPP0012: declares the handler's parameter as the data type its event delivers (the analyzer puts that type's
    /// fully qualified name in the diagnostic; the simplifier shortens it as far as the file's usings allow).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseEventDataTypeCodeFix)), Shared]
    public sealed class UseEventDataTypeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Plugin.Sdk.UseEventDataType";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.HandlerParameter.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } } parameter) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(HandlerParameterAnalyzer.ExpectedTypeProperty, out var expected) || string.IsNullOrEmpty(expected))
                    continue;
                var shortName = expected!.Substring(expected.LastIndexOf('.') + 1);
                context.RegisterCodeFix(
                    CodeAction.Create($"Declare '{parameter.Identifier.ValueText}' as {shortName}", ct => Fix(context.Document, parameter, expected, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> Fix(Document document, ParameterSyntax parameter, string expected, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || parameter.Type is null) return document;
            var type = SyntaxFactory.ParseTypeName(expected)
                .WithTriviaFrom(parameter.Type)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(parameter.Type, type));
        }
    }
}
