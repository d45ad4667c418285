using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Plugin.Host.Trust;

/// <summary>A call found in a method body: <see cref="Target"/> (<c>Type::Method</c>) called from <see cref="Caller"/>.</summary>
public sealed record CallSite(string Target, string Caller)
{
    public override string ToString() => $"{Target} called from {Caller}";
}

/// <summary>What <see cref="AssemblyInspector"/> found in one assembly.</summary>
public sealed record AssemblyInspection(string Assembly, IReadOnlyList<CallSite> ProcessExits, IReadOnlyCollection<string> Capabilities);

/// <summary>
/// Reads an assembly's IL with System.Reflection.Metadata — nothing is loaded or run — and reports the calls
/// (<c>call</c>, <c>callvirt</c>, <c>newobj</c>, <c>ldftn</c>, <c>ldvirtftn</c>) to APIs that end the process, and
/// which capabilities (<see cref="Capabilities"/>) the code reaches for. Static: calls made through reflection,
/// <c>dynamic</c> or code generated at run time are not seen, so this catches mistakes and the obvious, not a
/// determined attacker (plugins are trusted code in the host's process; see README "Plugin trust").
/// </summary>
public static class AssemblyInspector
{
    /// <summary>Process-ending APIs: declaring type → method names (every overload).</summary>
    private static readonly Dictionary<string, string[]> ProcessEnding = new(StringComparer.Ordinal)
    {
        ["System.Environment"] = ["Exit", "FailFast"],
        // Statically a Kill of the host's own process (GetCurrentProcess().Kill()) cannot be told from a Kill of a child
        // the plugin started, so every Kill counts; Host:Plugins:AllowProcessExit lets such a plugin in.
        ["System.Diagnostics.Process"] = ["Kill"],
    };

    public static AssemblyInspection Inspect(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
            return new AssemblyInspection(Path.GetFileName(path), [], []); // a native DLL: nothing to read
        var metadata = pe.GetMetadataReader();
        var exits = new List<CallSite>();
        var capabilities = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                    capabilities.Add(Capabilities.NativeLibraries); // [DllImport], and what [LibraryImport] generates
                if (method.RelativeVirtualAddress == 0)
                    continue;
                MethodBodyBlock body;
                try { body = pe.GetMethodBody(method.RelativeVirtualAddress); }
                catch (BadImageFormatException) { continue; }
                foreach (var token in CallTokens(body.GetILReader()))
                {
                    if (ResolveMethod(metadata, token) is not var (declaringType, name))
                        continue;
                    if (ProcessEnding.TryGetValue(declaringType, out var names) && names.Contains(name, StringComparer.Ordinal))
                        exits.Add(new CallSite($"{declaringType}::{name}", $"{TypeName(metadata, type)}::{metadata.GetString(method.Name)}"));
                    if (Capabilities.Of(declaringType, name) is { } capability)
                        capabilities.Add(capability);
                }
            }
        }
        return new AssemblyInspection(Path.GetFileName(path), exits, capabilities);
    }

    /// <summary>The method tokens of the calling opcodes in one method body.</summary>
    private static IEnumerable<EntityHandle> CallTokens(BlobReader il)
    {
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            var code = (int)il.ReadByte();
            if (code == 0xFE)
                code = 0xFE00 | il.ReadByte();
            var opcode = (ILOpCode)code;
            if (opcode is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Jmp)
            {
                tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                continue;
            }
            if (opcode == ILOpCode.Switch)
            {
                var count = il.ReadInt32();
                il.Offset += count * 4;
                continue;
            }
            il.Offset += OperandSize(opcode);
        }
        return tokens;
    }

    /// <summary>Operand size of every other opcode (ECMA-335 III), so the reader stays on opcode boundaries.</summary>
    private static int OperandSize(ILOpCode opcode) => opcode switch
    {
        ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
            or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned or (ILOpCode)0xFE19 /* no. */ => 1,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Calli or ILOpCode.Cpobj or ILOpCode.Ldobj or ILOpCode.Ldstr
            or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Unbox or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld
            or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Stobj or ILOpCode.Box or ILOpCode.Newarr
            or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Unbox_any or ILOpCode.Refanyval
            or ILOpCode.Mkrefany or ILOpCode.Ldtoken or ILOpCode.Initobj or ILOpCode.Constrained or ILOpCode.Sizeof => 4,
        _ when opcode.IsBranch() => opcode.GetBranchOperandSize(),
        _ => 0,
    };

    /// <summary>(declaring type full name, method name) of a MemberReference, MethodDefinition or MethodSpecification.</summary>
    private static (string Type, string Name)? ResolveMethod(MetadataReader metadata, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodSpecification:
                return ResolveMethod(metadata, metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            case HandleKind.MethodDefinition:
                var definition = metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                return (TypeName(metadata, metadata.GetTypeDefinition(definition.GetDeclaringType())), metadata.GetString(definition.Name));
            case HandleKind.MemberReference:
                var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
                if (reference.GetKind() != MemberReferenceKind.Method)
                    return null;
                return ParentName(metadata, reference.Parent) is { } parent ? (parent, metadata.GetString(reference.Name)) : null;
            default:
                return null;
        }
    }

    private static string? ParentName(MetadataReader metadata, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => TypeName(metadata, metadata.GetTypeReference((TypeReferenceHandle)parent)),
        HandleKind.TypeDefinition => TypeName(metadata, metadata.GetTypeDefinition((TypeDefinitionHandle)parent)),
        // A method of a generic instantiation (List<T>.Add): the generic type's name is enough for the rules here.
        HandleKind.TypeSpecification => GenericTypeName(metadata, (TypeSpecificationHandle)parent),
        _ => null,
    };

    private static string? GenericTypeName(MetadataReader metadata, TypeSpecificationHandle handle)
    {
        var blob = metadata.GetBlobReader(metadata.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
            return null;
        blob.ReadSignatureTypeCode(); // class or valuetype
        var type = blob.ReadTypeHandle();
        return type.Kind switch
        {
            HandleKind.TypeReference => TypeName(metadata, metadata.GetTypeReference((TypeReferenceHandle)type)),
            HandleKind.TypeDefinition => TypeName(metadata, metadata.GetTypeDefinition((TypeDefinitionHandle)type)),
            _ => null,
        };
    }

    private static string TypeName(MetadataReader metadata, TypeReference type)
    {
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference) // nested
            return TypeName(metadata, metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope)) + "+" + name;
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string TypeName(MetadataReader metadata, TypeDefinition type)
    {
        var name = metadata.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
            return TypeName(metadata, metadata.GetTypeDefinition(declaring)) + "+" + name;
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
