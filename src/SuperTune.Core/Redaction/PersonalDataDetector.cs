using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SuperTune.Core.Entities;

namespace SuperTune.Core.Redaction;

/// <summary>
/// Deterministic detectors of personal data: e-mail addresses, URLs, IPv4 and IPv6 addresses, payment card numbers
/// (13 to 19 digits passing the Luhn check), IBANs (country length and mod 97 check) and phone numbers. Matches may
/// overlap; <see cref="SpanResolver"/> picks among them.
/// </summary>
public static partial class PersonalDataDetector
{
    private const int MinCardDigits = 13;
    private const int MaxCardDigits = 19;

    /// <summary>Returns every match of every detector in <paramref name="text"/>, in no particular order.</summary>
    public static List<EntitySpan> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<EntitySpan>();
        AddMatches(spans, EmailPattern(), text, PersonalDataKinds.Email);
        AddMatches(spans, UrlPattern(), text, PersonalDataKinds.Url, TrimUrl);
        AddIpAddresses(spans, text);
        AddCards(spans, text);
        AddIbans(spans, text);
        AddPhones(spans, text);
        return spans;
    }

    private static void AddMatches(List<EntitySpan> spans, Regex pattern, string text, string label,
        Func<string, int, int, int>? trimEnd = null)
    {
        foreach (Match match in pattern.Matches(text))
        {
            int end = trimEnd?.Invoke(text, match.Index, match.Index + match.Length) ?? match.Index + match.Length;
            spans.Add(new EntitySpan(match.Index, end, label));
        }
    }

    // Sentence punctuation after a URL belongs to the sentence, and so does a closing bracket that no bracket in
    // the URL opened.
    private static int TrimUrl(string text, int start, int end)
    {
        while (end > start)
        {
            char last = text[end - 1];
            ReadOnlySpan<char> url = text.AsSpan(start, end - start);
            bool unmatched = last == ')' && url.Count(')') > url.Count('(');
            if (!unmatched && !".,;:!?'\"".Contains(last))
            {
                break;
            }

            end--;
        }

        return end;
    }

    // The pattern's \d matches every Unicode digit, so octets such as Arabic-Indic digits are rejected here.
    private static bool IsIpv4Octet(string octet) =>
        octet.All(char.IsAsciiDigit) && int.Parse(octet, CultureInfo.InvariantCulture) <= 255
        && (octet.Length == 1 || octet[0] != '0');

    private static void AddIpAddresses(List<EntitySpan> spans, string text)
    {
        foreach (Match match in Ipv4Pattern().Matches(text))
        {
            if (match.Value.Split('.').All(IsIpv4Octet))
            {
                spans.Add(new EntitySpan(match.Index, match.Index + match.Length, PersonalDataKinds.IpAddress));
            }
        }

        foreach (Match match in Ipv6Pattern().Matches(text))
        {
            if (IPAddress.TryParse(match.Value, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                spans.Add(new EntitySpan(match.Index, match.Index + match.Length, PersonalDataKinds.IpAddress));
            }
        }
    }

    // A card number is a run of digit groups separated by single spaces or dashes: one group of 13 to 19 digits,
    // groups of four with a shorter last group, or the 4-6-5 grouping of 15-digit cards. Its first digit is 2 to 6
    // (the banking and merchandising industries of ISO/IEC 7812) and it passes the Luhn check. The longest run of
    // whole groups that qualifies wins, so a trailing expiry such as "12" is left out.
    private static void AddCards(List<EntitySpan> spans, string text)
    {
        for (int start = 0; start < text.Length; start++)
        {
            if (text[start] is < '2' or > '6' || (start > 0 && (char.IsLetterOrDigit(text[start - 1])
                || (text[start - 1] is ' ' or '-' && start > 1 && char.IsAsciiDigit(text[start - 2])))))
            {
                continue;
            }

            List<(int Start, int End)> groups = CollectDigitGroups(text, start);
            for (int count = groups.Count; count >= 1; count--)
            {
                var window = groups.GetRange(0, count);
                int end = window[^1].End;
                string digits = string.Concat(window.Select(g => text[g.Start..g.End]));
                bool followedByWord = end < text.Length && char.IsLetter(text[end]);
                if (digits.Length is >= MinCardDigits and <= MaxCardDigits && IsCardGrouping(window)
                    && !followedByWord && Checksums.IsLuhnValid(digits))
                {
                    spans.Add(new EntitySpan(start, end, PersonalDataKinds.Card));
                    break;
                }
            }
        }
    }

    // Groups of digits from start, separated by one space or dash each, the same separator throughout.
    private static List<(int Start, int End)> CollectDigitGroups(string text, int start)
    {
        var groups = new List<(int Start, int End)>();
        char? separator = null;
        int position = start;
        while (groups.Count < MaxCardDigits)
        {
            int groupStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            groups.Add((groupStart, position));
            bool continues = position + 1 < text.Length && text[position] is ' ' or '-'
                && (separator is null || separator == text[position]) && char.IsAsciiDigit(text[position + 1]);
            if (!continues)
            {
                break;
            }

            separator = text[position];
            position++;
        }

        return groups;
    }

    private static bool IsCardGrouping(List<(int Start, int End)> groups)
    {
        int[] lengths = [.. groups.Select(g => g.End - g.Start)];
        return lengths.Length == 1
            || (lengths[..^1].All(length => length == 4) && lengths[^1] is >= 1 and <= 4)
            || lengths is [4, 6, 5];
    }

    // An IBAN is a country code, two check digits and a country-specific number of letters and digits, written
    // together or in groups separated by single spaces.
    private static void AddIbans(List<EntitySpan> spans, string text)
    {
        foreach (Match match in IbanStartPattern().Matches(text))
        {
            string country = match.Value[..2].ToUpperInvariant();
            int length = IbanLengths.Of(country);
            if (length == 0)
            {
                continue;
            }

            var compact = new System.Text.StringBuilder(length);
            int position = match.Index;
            while (compact.Length < length && position < text.Length)
            {
                char c = text[position];
                if (char.IsAsciiLetterOrDigit(c))
                {
                    compact.Append(char.ToUpperInvariant(c));
                }
                else if (c != ' ' || position + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[position + 1]))
                {
                    break;
                }

                position++;
            }

            bool ended = position == text.Length || !char.IsAsciiLetterOrDigit(text[position]);
            if (compact.Length == length && ended && Checksums.IsIbanValid(compact.ToString()))
            {
                spans.Add(new EntitySpan(match.Index, position, PersonalDataKinds.Iban));
            }
        }
    }

    // Phone numbers: international (+ or 00, then 8 to 15 digits), national with a trunk 0 or an area code in
    // brackets (9 to 11 digits), or the North American 3-3-4 grouping. Bare digit runs such as order numbers are
    // not phone numbers.
    private static void AddPhones(List<EntitySpan> spans, string text)
    {
        foreach (Match match in PhoneCandidatePattern().Matches(text))
        {
            // After "<digit> " the candidate continues a longer number, such as the groups of an IBAN.
            if (match.Index >= 2 && text[match.Index - 1] is ' ' or '-' && char.IsAsciiDigit(text[match.Index - 2]))
            {
                continue;
            }

            string value = match.Value;
            int digits = value.Count(char.IsAsciiDigit);
            bool international = value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal);
            bool national = !international && (value.StartsWith('0') || value.StartsWith('('));
            bool valid = international ? digits is >= 8 and <= 15
                : national ? digits is >= 9 and <= 11
                : NorthAmericanPattern().IsMatch(value);
            if (valid)
            {
                spans.Add(new EntitySpan(match.Index, match.Index + match.Length, PersonalDataKinds.Phone));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w.%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\w-])")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"(?<![\w])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])")]
    private static partial Regex IbanStartPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|(?=\()|\b)\(?\d[\d ().\-]{5,22}\d(?![\w])")]
    private static partial Regex PhoneCandidatePattern();

    [GeneratedRegex(@"^(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}[ .\-])\d{3}[ .\-]\d{4}$")]
    private static partial Regex NorthAmericanPattern();
}
