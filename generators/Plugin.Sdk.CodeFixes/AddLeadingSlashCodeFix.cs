using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Plugin.Sdk.Generators.Diagnostics;

namespace Plugin.Sdk.CodeFixes
{
    /// <summary>
    /// MPP0001 and MPP0002: writes the command or API path with its leading '/'. Only a string literal is rewritten; a
    /// constant or an expression is left to the author, who may use it elsewhere.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddLeadingSlashCodeFix)), Shared]
    public sealed class AddLeadingSlashCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Plugin.Sdk.AddLeadingSlash";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.CommandWithoutSlash.Id, DiagnosticDescriptors.ApiPathWithoutSlash.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            // The diagnostic underlines the whole argument ("sync" or path: "sync").
            if (root?.FindNode(context.Span) is not { } node ||
                node.FirstAncestorOrSelf<AttributeArgumentSyntax>()?.Expression is not LiteralExpressionSyntax literal ||
                !literal.IsKind(SyntaxKind.StringLiteralExpression))
                return;
            var value = literal.Token.ValueText;
            if (value.StartsWith("/", StringComparison.Ordinal)) return;
            context.RegisterCodeFix(
                CodeAction.Create($"Write \"/{value}\"", ct => Fix(context.Document, literal, ct), EquivalenceKey),
                context.Diagnostics);
        }

        private static async Task<Document> Fix(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var value = "/" + literal.Token.ValueText;
            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value))
                .WithTriviaFrom(literal);
            return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
        }
    }
}
