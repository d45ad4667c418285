using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Plugin.Sdk.Build
{
    /// <summary>One <c>[assembly: PluginMarketEntry(id, json)]</c> of a built plugin assembly.</summary>
    internal sealed class MarketEntry
    {
        public MarketEntry(string pluginId, string json)
        {
            PluginId = pluginId;
            Json = json;
        }

        public string PluginId { get; }
        public string Json { get; }
    }

    /// <summary>
    /// Reads the market entries the generator compiled into a plugin assembly. System.Reflection.Metadata reads the file
    /// as data: loading the assembly would lock it inside the MSBuild node and run nothing we need.
    /// </summary>
    internal static class MarketEntryReader
    {
        private const string AttributeNamespace = "Plugin.Sdk.Manifest";
        private const string AttributeName = "PluginMarketEntryAttribute";

        public static IReadOnlyList<MarketEntry> Read(string assemblyPath)
        {
            var entries = new List<MarketEntry>();
            using (var stream = File.OpenRead(assemblyPath))
            using (var pe = new PEReader(stream))
            {
                if (!pe.HasMetadata) throw new BadImageFormatException("not a .NET assembly", assemblyPath);
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(handle);
                    if (!IsMarketEntry(metadata, attribute.Constructor)) continue;
                    var blob = metadata.GetBlobReader(attribute.Value);
                    // ECMA-335 II.23.3: prolog 0x0001, then the constructor's fixed arguments (two SerStrings here).
                    if (blob.ReadUInt16() != 1) throw new BadImageFormatException("malformed custom attribute blob", assemblyPath);
                    var id = blob.ReadSerializedString();
                    var json = blob.ReadSerializedString();
                    if (id is null || json is null) continue;
                    entries.Add(new MarketEntry(id, json));
                }
            }
            return entries;
        }

        /// <summary>
        /// The names of the classes marked <c>[Plugin.Sdk.Music.MusicSource]</c>. Only asked when an assembly has no market
        /// entry, so that the error can tell a music-source author what is missing instead of a generic "no [Plugin]".
        /// </summary>
        public static IReadOnlyList<string> ReadMusicSourceTypes(string assemblyPath)
        {
            var types = new List<string>();
            using (var stream = File.OpenRead(assemblyPath))
            using (var pe = new PEReader(stream))
            {
                if (!pe.HasMetadata) return types;
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.TypeDefinitions)
                {
                    var type = metadata.GetTypeDefinition(handle);
                    foreach (var attributeHandle in type.GetCustomAttributes())
                    {
                        if (!IsAttribute(metadata, metadata.GetCustomAttribute(attributeHandle).Constructor, "Plugin.Sdk.Music", "MusicSourceAttribute")) continue;
                        types.Add(metadata.GetString(type.Name));
                        break;
                    }
                }
            }
            return types;
        }

        private static bool IsMarketEntry(MetadataReader metadata, EntityHandle constructor) =>
            IsAttribute(metadata, constructor, AttributeNamespace, AttributeName);

        private static bool IsAttribute(MetadataReader metadata, EntityHandle constructor, string ns, string name)
        {
            switch (constructor.Kind)
            {
                case HandleKind.MemberReference:
                    var member = metadata.GetMemberReference((MemberReferenceHandle)constructor);
                    if (member.Parent.Kind != HandleKind.TypeReference) return false;
                    var reference = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                    return metadata.StringComparer.Equals(reference.Name, name)
                        && metadata.StringComparer.Equals(reference.Namespace, ns);
                case HandleKind.MethodDefinition:
                    // The attribute defined in the assembly itself (Plugin.Sdk, or a test assembly declaring its own copy).
                    var method = metadata.GetMethodDefinition((MethodDefinitionHandle)constructor);
                    var type = metadata.GetTypeDefinition(method.GetDeclaringType());
                    return metadata.StringComparer.Equals(type.Name, name)
                        && metadata.StringComparer.Equals(type.Namespace, ns);
                default:
                    return false;
            }
        }
    }
}
