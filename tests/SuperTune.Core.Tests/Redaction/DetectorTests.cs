using SuperTune.Core.Entities;
using SuperTune.Core.Redaction;

namespace SuperTune.Core.Tests.Redaction;

/// <summary>Edge cases of each detector, checked on the resolved spans that redaction uses.</summary>
public sealed class DetectorTests
{
    private static IReadOnlyList<EntitySpan> Find(string text) => SpanResolver.Resolve(PersonalDataDetector.FindAll(text));

    private static string[] Found(string text, string kind) =>
        [.. Find(text).Where(s => s.Label == kind).Select(s => s.TextIn(text))];

    [Theory]
    [InlineData("card 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111")]
    [InlineData("card 4111-1111-1111-1111.", "4111-1111-1111-1111")]
    [InlineData("4111111111111111", "4111111111111111")]
    [InlineData("amex 378282246310005 ok", "378282246310005")]
    [InlineData("4111 1111 1111 1111 12", "4111 1111 1111 1111")]
    public void CardsPassingLuhnAreFound(string text, string card)
    {
        Assert.Equal([card], Found(text, PersonalDataKinds.Card));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112")]
    [InlineData("order 1234567890123")]
    [InlineData("4111111111111111234567")]
    [InlineData("tracking 12345678901234567890")]
    public void NumbersFailingLuhnAreNoCards(string text)
    {
        Assert.Empty(Found(text, PersonalDataKinds.Card));
    }

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00")]
    [InlineData("to GB82WEST12345698765432.", "GB82WEST12345698765432")]
    [InlineData("iban: fr1420041010050500013m02606", "fr1420041010050500013m02606")]
    public void IbansPassingMod97AreFound(string text, string iban)
    {
        Assert.Equal([iban], Found(text, PersonalDataKinds.Iban));
    }

    [Theory]
    [InlineData("IBAN DE88 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST1234569876543")]
    [InlineData("XX89370400440532013000")]
    [InlineData("DE89 3704 0044 0532 0130 001")]
    public void IbanLookAlikesAreRejected(string text)
    {
        Assert.Empty(Found(text, PersonalDataKinds.Iban));
    }

    [Theory]
    [InlineData("mail jane.doe+tickets@mail.example.co.uk.", "jane.doe+tickets@mail.example.co.uk")]
    [InlineData("(zoë@example.com)", "zoë@example.com")]
    public void EmailsAreFound(string text, string email)
    {
        Assert.Equal([email], Found(text, PersonalDataKinds.Email));
    }

    [Theory]
    [InlineData("not an email: a@b, @home, user@localhost")]
    public void EmailLookAlikesAreRejected(string text)
    {
        Assert.Empty(Found(text, PersonalDataKinds.Email));
    }

    [Theory]
    [InlineData("call +44 20 7946 0958 now", "+44 20 7946 0958")]
    [InlineData("call (212) 555-0134.", "(212) 555-0134")]
    [InlineData("ring 020 7946 0958", "020 7946 0958")]
    [InlineData("us 415-555-0134", "415-555-0134")]
    [InlineData("intl 0033 1 23 45 67 89", "0033 1 23 45 67 89")]
    public void PhonesAreFound(string text, string phone)
    {
        Assert.Equal([phone], Found(text, PersonalDataKinds.Phone));
    }

    [Theory]
    [InlineData("order 123456789 on 2024-03-15 for $1,299.00")]
    [InlineData("version 10.2.33 build 4567")]
    public void NumbersAreNoPhones(string text)
    {
        Assert.Empty(Find(text));
    }

    [Theory]
    [InlineData("see https://example.com/a?b=1&c=(2)).", "https://example.com/a?b=1&c=(2)")]
    [InlineData("go to www.example.org/help, then", "www.example.org/help")]
    public void UrlsAreFound(string text, string url)
    {
        Assert.Equal([url], Found(text, PersonalDataKinds.Url));
    }

    [Theory]
    [InlineData("from 192.168.0.12.", "192.168.0.12")]
    [InlineData("v6 2001:db8::8a2e:370:7334 here", "2001:db8::8a2e:370:7334")]
    [InlineData("link-local fe80::1", "fe80::1")]
    public void IpAddressesAreFound(string text, string address)
    {
        Assert.Equal([address], Found(text, PersonalDataKinds.IpAddress));
    }

    [Theory]
    [InlineData("256.1.1.1 and 1.2.3.4.5 and 10:30:00 and 01.02.03.04")]
    public void IpLookAlikesAreRejected(string text)
    {
        Assert.Empty(Found(text, PersonalDataKinds.IpAddress));
    }

    [Fact]
    public void UrlWinsOverEmailInside()
    {
        IReadOnlyList<EntitySpan> spans = Find("https://user@example.com/x");

        Assert.Equal(PersonalDataKinds.Url, Assert.Single(spans).Label);
    }

    [Fact]
    public void DetectorWinsOverOverlappingModelSpan()
    {
        const string text = "write to jane@example.com";
        EntitySpan model = new(9, 13, "person");

        IReadOnlyList<EntitySpan> spans = SpanResolver.Resolve([.. PersonalDataDetector.FindAll(text), model]);

        Assert.Equal(PersonalDataKinds.Email, Assert.Single(spans).Label);
    }

    // Found by RedactionFuzzTests: \d matches every Unicode digit, and int.Parse threw FormatException on
    // Arabic-Indic octets. Such text is no IP address.
    [Theory]
    [InlineData("from \u0661\u0662.\u0663.\u0664.\u0665 today")]
    [InlineData("\u0661.\u0661.\u0661.\u0661")]
    [InlineData("1.2.3.\u0664")]
    public void NonAsciiDigitsAreNoIpAddress(string text)
    {
        Assert.Empty(Found(text, PersonalDataKinds.IpAddress));
    }
}
