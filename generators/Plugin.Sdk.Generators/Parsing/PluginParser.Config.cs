using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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
        /// class first so PluginConfig.Enabled leads, [FormIgnore] left out.
        /// </summary>
        private EquatableArray<ConfigFieldModel> ParseConfigFields(ITypeSymbol configType)
        {
            var chain = new List<ITypeSymbol>();
            for (var type = configType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                chain.Insert(0, type);

            var seen = new HashSet<string>();
            var fields = new List<ConfigFieldModel>();
            foreach (var type in chain)
            {
                foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public) continue;
                    if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                    if (property.SetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                    if (!seen.Add(property.Name)) continue; // an override keeps the base's position
                    var field = ParseField(property);
                    if (field is not null) fields.Add(field);
                }
            }
            return fields.ToEquatableArray();
        }

        private ConfigFieldModel? ParseField(IPropertySymbol property)
        {
            AttributeData? formField = null;
            string? jsonName = null;
            foreach (var attribute in property.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case Sdk + "FormIgnoreAttribute":
                        return null;
                    case Sdk + "FormFieldAttribute":
                        formField = attribute;
                        break;
                    case "System.Text.Json.Serialization.JsonPropertyNameAttribute":
                        jsonName = CtorString(attribute, 0);
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
