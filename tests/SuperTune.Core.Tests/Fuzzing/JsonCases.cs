using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Generators of JSON documents for a reader that expects an object with known keys: a valid object with
/// some values replaced by hostile ones, so that each hostile value reaches the code that reads its key.
/// </summary>
public static class JsonCases
{
    /// <summary>JSON values of every type, with escapes that decode to NUL and to lone surrogates.</summary>
    public static readonly string[] HostileValues =
    [
        "true", "false", "null", "0", "1", "-1", "2", "512", "1e30", "1000000000000000000000000000000", "1.5",
        "-0", "1e400", "-1e400", "\"\"", "\" \"", "\"[CLS]\"", "\"bert\"", "\"gelu\"", "\"\\u0000\"", "\"a\\u0000b\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"x\\ud800\"", "\"\\ud800\\u0041\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"",
        "\"\\uFFFF\"", "{}", "[]", "[\"a\"]", "[null]", "{\"content\": \"[SEP]\"}", "{\"content\": 3}",
        "{\"content\": \"\\ud800\"}", "{\"0\": \"a\"}", "{\"0\": \"a\", \"2\": \"b\"}", "{\"0\": \"\\ud800\"}",
        "{\"\\ud800\": 0}", "{\"a\": 0}", "{\"a\": 1.5}", "{\"pooling\": \"mean\"}", "{\"pooling\": \"\\ud800\"}",
        "[\"\\ud800\"]", "2147483648", "-2147483649", "99999999999999999999",
    ];

    // Members appended after the known keys: unknown, empty and undecodable names.
    private static readonly string[] ExtraMembers =
        [", \"unknown\": 1", ", \"\": \"\"", ", \"\\ud800\": 1", ", \"a\\udc00\": \"b\""];

    /// <summary>A hostile JSON value: one of <see cref="HostileValues"/>, deep nesting or a hostile string.</summary>
    public static Gen<string> HostileValue { get; } = Gen.Frequency(
        (6, Gen.Elements(HostileValues)),
        (1, HostileText.DeepJson),
        (2, HostileText.ValidUnicodeText.Select(text => JsonSerializer.Serialize(text))));

    /// <summary>
    /// An object with a random subset of the keys of <paramref name="schema"/>, each with one of its valid
    /// values, of which up to two are replaced by <see cref="HostileValue"/>. Sometimes a key repeats or an
    /// unknown key is added.
    /// </summary>
    public static Gen<string> MutatedObject(IReadOnlyDictionary<string, string[]> schema)
    {
        string[] keys = [.. schema.Keys];
        Gen<(string Key, string Value)[]> valid = Gen.SubListOf(keys).SelectMany(
            chosen => Gen.CollectToArray(chosen, key => Gen.Elements(schema[key]).Select(value => (key, value))));

        return
            from members in valid
            from mutations in Gen.ListOf(Gen.Zip(Gen.Elements(keys), HostileValue, (key, value) => (key, value)))
            from count in Gen.Choose(0, 2)
            from extra in Gen.Frequency((8, Gen.Constant("")), (1, Gen.Elements(ExtraMembers)))
            select "{" + string.Join(", ", Merge(members, mutations.Take(count)).Select(m => $"\"{m.Key}\": {m.Value}"))
                + extra + "}";
    }

    private static IEnumerable<(string Key, string Value)> Merge(IEnumerable<(string Key, string Value)> members,
        IEnumerable<(string Key, string Value)> mutations)
    {
        var merged = members.ToDictionary(member => member.Key, member => member.Value);
        foreach ((string key, string value) in mutations)
        {
            merged[key] = value;
        }

        return merged.Select(pair => (pair.Key, pair.Value));
    }
}
