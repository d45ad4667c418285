using System;
using System.Globalization;

namespace Plugin.Sdk.Generators.Parsing
{
    /// <summary>
    /// Checks a standard 5-field crontab (minute hour day-of-month month day-of-week) the way the host's scheduler
    /// reads it: lists, ranges, steps, month and weekday names, 0 and 7 both Sunday. Returns why it is invalid, or null.
    /// Written here because the generator cannot depend on a scheduler library inside the compiler.
    /// </summary>
    internal static class CronValidator
    {
        private static readonly string[] s_months = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
        private static readonly string[] s_days = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

        private static readonly (string Name, int Min, int Max, string[]? Names, int NameBase)[] s_fields =
        {
            ("minute", 0, 59, null, 0),
            ("hour", 0, 23, null, 0),
            ("day of month", 1, 31, null, 0),
            ("month", 1, 12, s_months, 1),
            ("day of week", 0, 7, s_days, 0),
        };

        public static string? Validate(string? expression)
        {
            if (expression is null || expression.Trim().Length == 0) return "it is empty";
            var parts = expression.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 5) return $"it has {parts.Length} field{(parts.Length == 1 ? "" : "s")}, a crontab has 5";
            for (var i = 0; i < 5; i++)
            {
                var error = ValidateField(parts[i], s_fields[i]);
                if (error != null) return error;
            }
            return null;
        }

        private static string? ValidateField(string field, (string Name, int Min, int Max, string[]? Names, int NameBase) spec)
        {
            foreach (var item in field.Split(','))
            {
                if (item.Length == 0) return $"the {spec.Name} field '{field}' has an empty list item";
                var body = item;
                var slash = item.IndexOf('/');
                if (slash >= 0)
                {
                    var stepText = item.Substring(slash + 1);
                    if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step <= 0)
                        return $"the step '{stepText}' in the {spec.Name} field must be a positive number";
                    if (step > spec.Max) return $"the step {step} in the {spec.Name} field is larger than {spec.Max}";
                    body = item.Substring(0, slash);
                }
                if (body == "*") continue;
                var dash = body.IndexOf('-');
                if (dash >= 0)
                {
                    var low = Value(body.Substring(0, dash), spec, out var lowError);
                    if (lowError != null) return lowError;
                    var high = Value(body.Substring(dash + 1), spec, out var highError);
                    if (highError != null) return highError;
                    if (low > high) return $"the range '{body}' in the {spec.Name} field runs backwards; write {high}-{low}";
                }
                else
                {
                    Value(body, spec, out var error);
                    if (error != null) return error;
                }
            }
            return null;
        }

        private static int Value(string text, (string Name, int Min, int Max, string[]? Names, int NameBase) spec, out string? error)
        {
            error = null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                if (value < spec.Min || value > spec.Max) error = $"{value} is outside {spec.Min}-{spec.Max} in the {spec.Name} field";
                return value;
            }
            if (spec.Names != null)
            {
                var index = Array.IndexOf(spec.Names, text.ToUpperInvariant());
                if (index >= 0) return index + spec.NameBase;
            }
            error = spec.Names != null
                ? $"'{text}' is neither a number {spec.Min}-{spec.Max} nor a name like {spec.Names[0]} in the {spec.Name} field"
                : $"'{text}' is not a number {spec.Min}-{spec.Max} in the {spec.Name} field";
            return 0;
        }
    }
}
