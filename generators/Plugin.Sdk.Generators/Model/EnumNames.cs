using System;
using System.Collections.Generic;

namespace Plugin.Sdk.Generators.Model
{
    /// <summary>
    /// Member names of the SDK enums linked into this assembly (sdk/Plugin.Sdk/Shared), read from the enum types rather
    /// than kept in lists here, so that a member added to the SDK is written correctly without touching the generator.
    /// </summary>
    internal static class EnumNames
    {
        /// <summary>The member named by <paramref name="value"/>, or null when no member has it (a cast number).</summary>
        public static string? Of(Type enumType, int value) =>
            Enum.IsDefined(enumType, value) ? Enum.GetName(enumType, value) : null;

        /// <summary>The members of a [Flags] enum set in <paramref name="value"/>, lowest bit first; bits no member
        /// names are left out (<paramref name="unnamedBits"/> reports them).</summary>
        public static List<string> Flags(Type enumType, int value, out int unnamedBits)
        {
            var names = new List<string>();
            unnamedBits = value;
            // GetValues returns the members sorted by value, so the names come out in bit order.
            foreach (var member in Enum.GetValues(enumType))
            {
                var bits = Convert.ToInt32(member, System.Globalization.CultureInfo.InvariantCulture);
                if (bits == 0 || (value & bits) != bits) continue;
                names.Add(Enum.GetName(enumType, member)!);
                unnamedBits &= ~bits;
            }
            return names;
        }
    }
}
