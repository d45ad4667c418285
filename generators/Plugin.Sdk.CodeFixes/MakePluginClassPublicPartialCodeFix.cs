using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// MPP0014 and MPP0015: writes the plugin class as 'public partial class', keeping its other modifiers
    /// ('sealed', 'unsafe', ...). 'partial' goes last, where C# requires it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePluginClassPublicPartialCodeFix)), Shared]
    public sealed class MakePluginClassPublicPartialCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Plugin.Sdk.MakePluginClassPublicPartial";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.PluginNotPartial.Id, DiagnosticDescriptors.PluginNotPublic.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindToken(context.Span.Start).Parent is not ClassDeclarationSyntax declaration) return;
            // MPP0014 and MPP0015 underline the same name and have one fix: offer it once for both.
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{declaration.Identifier.ValueText}' public partial",
                    ct => Fix(context.Document, declaration, ct),
                    EquivalenceKey),
                context.Diagnostics);
        }

        private static async Task<Document> Fix(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var fixedDeclaration = PublicPartial(declaration);
            return fixedDeclaration == declaration ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration));
        }

        internal static ClassDeclarationSyntax PublicPartial(ClassDeclarationSyntax declaration)
        {
            var modifiers = declaration.Modifiers;
            var others = modifiers.Where(m => !IsAccessibility(m) && !m.IsKind(SyntaxKind.PartialKeyword)).ToList();
            var hasPublic = modifiers.Any(SyntaxKind.PublicKeyword) && !modifiers.Any(m => IsAccessibility(m) && !m.IsKind(SyntaxKind.PublicKeyword));
            var isLastPartial = modifiers.Count > 0 && modifiers.Last().IsKind(SyntaxKind.PartialKeyword);
            if (hasPublic && isLastPartial) return declaration;

            var tokens = new[] { SyntaxFactory.Token(SyntaxKind.PublicKeyword) }
                .Concat(others.Select(t => t.WithoutTrivia()))
                .Concat(new[] { SyntaxFactory.Token(SyntaxKind.PartialKeyword) })
                .Select(t => t.WithTrailingTrivia(SyntaxFactory.Space))
                .ToList();

            // The declaration's leading trivia (indentation, comments, attributes' line) stays where it was: on the
            // first modifier, or on the 'class' keyword when there were none.
            if (modifiers.Count > 0)
            {
                tokens[0] = tokens[0].WithLeadingTrivia(modifiers.First().LeadingTrivia);
                return declaration.WithModifiers(SyntaxFactory.TokenList(tokens));
            }
            var keyword = declaration.Keyword;
            tokens[0] = tokens[0].WithLeadingTrivia(keyword.LeadingTrivia);
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(tokens));
        }

        private static bool IsAccessibility(SyntaxToken token) =>
            token.IsKind(SyntaxKind.PublicKeyword) || token.IsKind(SyntaxKind.InternalKeyword) ||
            token.IsKind(SyntaxKind.PrivateKeyword) || token.IsKind(SyntaxKind.ProtectedKeyword) || token.IsKind(SyntaxKind.FileKeyword);
    }
}
