using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Simplification;
using Plugin.Sdk.Generators.Diagnostics;

namespace Plugin.Sdk.CodeFixes
{
    /// <summary>
    /// MPP0016: derives the plugin class from PluginBase&lt;TConfig&gt;. The config is the class the author obviously
    /// wrote for it — '{Plugin}Config', or the only PluginConfig-derived class of the plugin's namespace — and otherwise
    /// none: the non-generic PluginBase, which is PluginBase&lt;PluginConfig&gt; (just the "enabled" switch). Offered only
    /// for a class without a base class of its own (replacing one would lose what it inherits).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeriveFromPluginBaseCodeFix)), Shared]
    public sealed class DeriveFromPluginBaseCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Plugin.Sdk.DeriveFromPluginBase";

        private static readonly SymbolDisplayFormat s_fullName = SymbolDisplayFormat.FullyQualifiedFormat;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PluginNotDerived.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindToken(context.Span.Start).Parent is not ClassDeclarationSyntax declaration) return;
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } symbol) return;
            if (symbol.BaseType is { SpecialType: not SpecialType.System_Object }) return;
            if (model.Compilation.GetTypeByMetadataName("Plugin.Sdk.PluginBase`1") is null) return;

            var config = FindConfig(model.Compilation, symbol);
            var baseType = config is null
                ? "global::Plugin.Sdk.PluginBase"
                : "global::Plugin.Sdk.PluginBase<" + config.ToDisplayString(s_fullName) + ">";
            var title = config is null ? "Derive from PluginBase" : $"Derive from PluginBase<{config.Name}>";
            context.RegisterCodeFix(CodeAction.Create(title, ct => Fix(context.Document, declaration, baseType, ct), EquivalenceKey), context.Diagnostics);
        }

        /// <summary>'{Plugin}Config' (in the plugin's namespace first), else the one PluginConfig class of that namespace.</summary>
        private static INamedTypeSymbol? FindConfig(Compilation compilation, INamedTypeSymbol plugin)
        {
            var pluginConfig = compilation.GetTypeByMetadataName("Plugin.Sdk.PluginConfig");
            var candidates = new List<INamedTypeSymbol>();
            Collect(compilation.Assembly.GlobalNamespace, candidates);
            bool Usable(INamedTypeSymbol t) => t.TypeKind == TypeKind.Class && !t.IsAbstract && !t.IsStatic && !t.IsGenericType &&
                                               t.ContainingType is null &&
                                               t.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
            bool SameNamespace(INamedTypeSymbol t) => SymbolEqualityComparer.Default.Equals(t.ContainingNamespace, plugin.ContainingNamespace);

            var byName = candidates.Where(t => t.Name == plugin.Name + "Config" && Usable(t)).OrderByDescending(SameNamespace).FirstOrDefault();
            if (byName is not null) return byName;
            var derived = candidates.Where(t => SameNamespace(t) && Usable(t) && DerivesFrom(t, pluginConfig)).ToList();
            return derived.Count == 1 ? derived[0] : null;
        }

        private static void Collect(INamespaceSymbol ns, List<INamedTypeSymbol> types)
        {
            types.AddRange(ns.GetTypeMembers());
            foreach (var child in ns.GetNamespaceMembers()) Collect(child, types);
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (var t = type.BaseType; t is not null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t, baseType)) return true;
            return false;
        }

        private static async Task<Document> Fix(Document document, ClassDeclarationSyntax declaration, string baseType, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var type = SyntaxFactory.SimpleBaseType(SyntaxFactory.ParseTypeName(baseType).WithAdditionalAnnotations(Simplifier.Annotation));
            ClassDeclarationSyntax fixedDeclaration;
            if (declaration.BaseList is { } list)
            {
                // Interfaces follow the base class: "class P : IThing" becomes "class P : PluginBase, IThing".
                var types = new[] { type.WithTrailingTrivia() }.Concat(list.Types);
                var separators = new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) }
                    .Concat(list.Types.GetSeparators());
                fixedDeclaration = declaration.WithBaseList(list.WithTypes(SyntaxFactory.SeparatedList(types, separators)));
            }
            else
            {
                // "class P" + " : Base": the trivia after the name (or type parameters) moves behind the base list.
                var last = declaration.TypeParameterList?.GetLastToken() ?? declaration.Identifier;
                var trailing = last.TrailingTrivia;
                var baseList = SyntaxFactory.BaseList(SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(type))
                    .WithColonToken(SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(trailing);
                fixedDeclaration = declaration
                    .ReplaceToken(last, last.WithTrailingTrivia(SyntaxFactory.TriviaList()))
                    .WithBaseList(baseList);
            }
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration));
        }
    }
}
