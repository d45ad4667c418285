using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Model;

namespace Plugin.Sdk.Generators.Parsing
{
    internal sealed partial class PluginParser
    {
        // Plugin.Sdk.FieldKind values (the enum is compiled into the generator); the emitter writes them back by name.
        internal const int KindAuto = (int)FieldKind.Auto, KindSwitch = (int)FieldKind.Switch, KindText = (int)FieldKind.Text,
            KindNumber = (int)FieldKind.Number, KindSelect = (int)FieldKind.Select, KindMultiSelect = (int)FieldKind.MultiSelect;

        /// <summary>
        /// The config form's fields: public properties with a public setter (what the config JSON round-trips), base
        /// class first so PluginConfig.Enabled leads, [FormIgnore] left out. Each field carries its JSON key when it is
        /// not the snake_case default ([JsonPropertyName], [ConfigKeys]); two properties with one key are MPP0037.
        /// </summary>
        private EquatableArray<ConfigFieldModel> ParseConfigFields(ITypeSymbol configType)
        {
            var chain = new List<ITypeSymbol>();
            for (var type = configType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                chain.Insert(0, type);
            var keys = FindConfigKeys(chain);

            var seen = new HashSet<string>();
            var fields = new List<ConfigFieldModel>();
            // Keys compare case-insensitively: PluginJson reads them so, and two of one spelling cannot both be set.
            var owners = new Dictionary<string, IPropertySymbol>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in chain)
            {
                foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public) continue;
                    if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                    if (property.SetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                    if (!seen.Add(property.Name)) continue; // an override keeps the base's position
                    if (HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute")) continue;
                    var (key, explicitKey) = KeyOf(property, keys);
                    if (owners.TryGetValue(key, out var owner)) ReportDuplicateKey(owner, property, key);
                    else owners.Add(key, property);
                    var field = ParseField(property, explicitKey);
                    if (field is not null) fields.Add(field);
                }
            }
            return fields.ToEquatableArray();
        }

        /// <summary>[ConfigKeys] on the config class or a base (the attribute is inherited): naming and enable-switch key.</summary>
        private static (int Naming, string? EnabledKey)? FindConfigKeys(List<ITypeSymbol> chain)
        {
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                foreach (var attribute in chain[i].GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != Sdk + "ConfigKeysAttribute") continue;
                    var naming = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is int n ? n : 0;
                    var enabledKey = NamedString(attribute, "EnabledKey");
                    return (naming, string.IsNullOrEmpty(enabledKey) ? null : enabledKey);
                }
            }
            return null;
        }

        /// <summary>
        /// The property's key in the config JSON, as PluginJson writes it (sdk/Plugin.Sdk/Json/ConfigKeyModifier.cs):
        /// [JsonPropertyName], else the enable-switch key for PluginConfig.Enabled, else the class's naming. The second
        /// value is the key the manifest must spell out, null for the snake_case default the SDK derives itself.
        /// </summary>
        private static (string Key, string? Explicit) KeyOf(IPropertySymbol property, (int Naming, string? EnabledKey)? keys)
        {
            foreach (var attribute in property.GetAttributes())
                if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute" && CtorString(attribute, 0) is { } name)
                    return (name, name);
            if (keys is not { } k) return (ConfigKeyNames.SnakeCase(property.Name), null);
            if (k.EnabledKey is not null && property.Name == "Enabled" && property.ContainingType.ToDisplayString() == Sdk + "PluginConfig")
                return (k.EnabledKey, k.EnabledKey);
            var naming = (ConfigKeyNaming)k.Naming;
            return naming == ConfigKeyNaming.SnakeCase
                ? (ConfigKeyNames.SnakeCase(property.Name), null)
                : (ConfigKeyNames.Convert(naming, property.Name), ConfigKeyNames.Convert(naming, property.Name));
        }

        /// <summary>MPP0037 at the later property's declaration (or the earlier one's, when the later is in a referenced assembly).</summary>
        private void ReportDuplicateKey(IPropertySymbol first, IPropertySymbol second, string key)
        {
            var (at, other) = second.Locations.Any(l => l.IsInSource) ? (second, first) : (first, second);
            var location = at.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is null) return;
            Report(DiagnosticDescriptors.DuplicateConfigKey, LocationInfo.From(location), at.Name, other.Name, key);
        }

        private static bool HasAttribute(ISymbol symbol, string attributeName) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attributeName);

        private ConfigFieldModel? ParseField(IPropertySymbol property, string? jsonName)
        {
            AttributeData? formField = null;
            foreach (var attribute in property.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case Sdk + "FormIgnoreAttribute":
                        return null;
                    case Sdk + "FormFieldAttribute":
                        formField = attribute;
                        break;
                }
            }

            var label = formField is null ? property.Name : CtorString(formField, 0) ?? property.Name;
            var kind = formField is null ? KindAuto : NamedInt(formField, "Kind", KindAuto);
            var explicitOptions = formField is null ? EquatableArray<string>.Empty : NamedStrings(formField, "Options");
            var hasExplicitOptions = formField is not null && formField.NamedArguments.Any(a => a.Key == "Options" && !a.Value.IsNull);

            var type = property.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                type = nullable.TypeArguments[0];
            if (kind == KindAuto) kind = AutoKind(type);
            // Options on a text property mean "choose one of these".
            if (kind == KindText && hasExplicitOptions && formField is not null && NamedInt(formField, "Kind", KindAuto) == KindAuto) kind = KindSelect;

            var options = EquatableArray<OptionModel>.Empty;
            var hasOptions = false;
            if (hasExplicitOptions)
            {
                // "value" or "value:title", as FormFieldAttribute.Options documents.
                options = explicitOptions.Select(o =>
                {
                    var colon = o.IndexOf(':');
                    return colon < 0 ? new OptionModel(o, o, false) : new OptionModel(o.Substring(colon + 1), o.Substring(0, colon), false);
                }).ToEquatableArray();
                hasOptions = true;
            }
            else if (type.TypeKind == TypeKind.Enum && kind is KindSelect or KindMultiSelect)
            {
                options = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                    .Select(f => new OptionModel(f.Name, f.Name, true)).ToEquatableArray();
                hasOptions = true;
            }

            return new ConfigFieldModel(
                property.Name,
                kind,
                label,
                formField is null ? null : NamedString(formField, "Hint"),
                formField is null ? null : NamedString(formField, "Placeholder"),
                formField is null ? 6 : NamedInt(formField, "Md", 6),
                formField is null ? 0 : NamedInt(formField, "Order", 0),
                options,
                hasOptions,
                jsonName);
        }

        private static int AutoKind(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_Boolean) return KindSwitch;
            if (KnownTypes.IsNumber(type.SpecialType)) return KindNumber;
            if (type.TypeKind == TypeKind.Enum) return KindSelect;
            if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }) return KindMultiSelect;
            if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1 &&
                named.TypeArguments[0].SpecialType == SpecialType.System_String &&
                (named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"))
                return KindMultiSelect; // List<string>, IList<string>, IReadOnlyList<string>, HashSet<string>, ...
            return KindText;
        }
    }
}
