using System.Text;
using SuperTune.Core.Redaction;

namespace SuperTune.Core.Tests.Redaction;

/// <summary>
/// Writes support messages with planted personal data of every kind the detectors know, in several written forms,
/// and with look-alike numbers that fail the card or IBAN checksum. The same seed gives the same messages.
/// </summary>
public sealed class PlantedDataGenerator(int seed)
{
    private static readonly string[] Countries = ["DE", "GB", "FR", "NL", "ES", "IT", "BE", "CH", "PL", "NO"];

    private readonly Random random = new(seed);

    public List<PlantedMessage> Generate(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

    private PlantedMessage Next()
    {
        var builder = new MessageBuilder();
        builder.Text(Pick("Hi team, ", "Hello, ", "Urgent: ", "hey 👋 ", "Bonjour, ", ""));
        string[] kinds = [PersonalDataKinds.Email, PersonalDataKinds.Phone, PersonalDataKinds.Card, PersonalDataKinds.Iban,
            PersonalDataKinds.Url, PersonalDataKinds.IpAddress];
        foreach (string kind in kinds.OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
        {
            builder.Text(Pick("my ", "the ", "please use ", "I wrote from ", "see ", "it is "));
            builder.Planted(kind, Value(kind));
            builder.Text(Pick(" and ", ". ", ", thanks! ", " — ", " ; ", "\n"));
        }

        if (random.Next(2) == 0)
        {
            builder.Text(Pick("not this card: ", "old number ", "wrong IBAN ", "ref "));
            builder.LookAlike(random.Next(2) == 0 ? BadCard() : BadIban());
        }

        builder.Text(Pick(" Order 123456789 cost $1,299.00.", " Ticket #55501 on 2024-03-15.", " Version 2.4.1 crashed.", ""));
        return builder.Build();
    }

    private string Value(string kind) => kind switch
    {
        PersonalDataKinds.Email => Pick("jane.doe", "j_smith+billing", "o.brien", "zoë") + "@"
            + Pick("example.com", "mail.example.org", "corp.co.uk"),
        PersonalDataKinds.Phone => Pick($"+44 20 {Digits(4)} {Digits(4)}", $"+1 (415) {Digits(3)}-{Digits(4)}",
            $"020 {Digits(4)} {Digits(4)}", $"(212) {Digits(3)}-{Digits(4)}", $"+49 30 {Digits(8)}",
            $"0033 1 {Digits(2)} {Digits(2)} {Digits(2)} {Digits(2)}"),
        PersonalDataKinds.Card => Group(Card(), random.Next(3)),
        PersonalDataKinds.Iban => GroupIban(Iban()),
        PersonalDataKinds.Url => Pick("https://example.com/orders/", "http://shop.example.net/track?id=", "www.example.org/u/")
            + Digits(6),
        _ => random.Next(2) == 0
            ? $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"
            : Pick("2001:db8::", "fe80::1:", "2001:db8:85a3:0:0:8a2e:370:") + random.Next(1, 0xffff).ToString("x"),
    };

    /// <summary>A Luhn-valid number of 15 or 16 digits with a real issuer prefix.</summary>
    private string Card()
    {
        string prefix = Pick("4", "51", "55", "2221", "6011", "34", "37");
        int length = prefix is "34" or "37" ? 15 : 16;
        string body = prefix + Digits(length - prefix.Length - 1);
        for (int check = 0; check <= 9; check++)
        {
            if (Checksums.IsLuhnValid(body + check))
            {
                return body + check;
            }
        }

        throw new InvalidOperationException("unreachable: one of ten check digits passes");
    }

    /// <summary>A card-shaped number whose last digit is changed so that the Luhn check fails.</summary>
    private string BadCard()
    {
        string card = Card();
        char wrong = (char)('0' + (card[^1] - '0' + random.Next(1, 10)) % 10);
        return Group(card[..^1] + wrong, random.Next(3));
    }

    private string Iban()
    {
        string country = Pick(Countries);
        int length = IbanLengths.All[country];
        string bban = Digits(length - 4);
        for (int check = 2; check <= 98; check++)
        {
            string candidate = country + check.ToString("00") + bban;
            if (Checksums.IsIbanValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: exactly one pair of check digits passes");
    }

    /// <summary>An IBAN-shaped string whose check digits are changed so that the mod 97 check fails.</summary>
    private string BadIban()
    {
        string iban = Iban();
        int check = int.Parse(iban[2..4]);
        int wrong = 2 + (check - 2 + random.Next(1, 96)) % 97;
        return GroupIban(iban[..2] + wrong.ToString("00") + iban[4..]);
    }

    private string GroupIban(string iban) => random.Next(2) == 0 ? iban : Group(iban, 1);

    // 0: digits together, 1: groups of four separated by spaces, 2: groups of four separated by dashes.
    private static string Group(string value, int style)
    {
        if (style == 0)
        {
            return value;
        }

        var groups = Enumerable.Range(0, (value.Length + 3) / 4).Select(i => value.Substring(4 * i, Math.Min(4, value.Length - 4 * i)));
        return string.Join(style == 1 ? " " : "-", groups);
    }

    private string Digits(int count)
    {
        var builder = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            builder.Append((char)('0' + random.Next(10)));
        }

        return builder.ToString();
    }

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    private sealed class MessageBuilder
    {
        private readonly StringBuilder text = new();
        private readonly List<(string Kind, int Start, int End)> planted = [];
        private readonly List<(int Start, int End)> lookAlikes = [];

        public void Text(string value) => text.Append(value);

        public void Planted(string kind, string value)
        {
            planted.Add((kind, text.Length, text.Length + value.Length));
            text.Append(value);
        }

        public void LookAlike(string value)
        {
            lookAlikes.Add((text.Length, text.Length + value.Length));
            text.Append(value);
        }

        public PlantedMessage Build() => new(text.ToString(), planted, lookAlikes);
    }
}
