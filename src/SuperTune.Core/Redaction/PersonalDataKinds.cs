namespace SuperTune.Core.Redaction;

/// <summary>Labels of the deterministic detectors; each also names its placeholder, such as <c>[EMAIL]</c>.</summary>
public static class PersonalDataKinds
{
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string Card = "CARD";
    public const string Iban = "IBAN";
    public const string Url = "URL";
    public const string IpAddress = "IP";

    /// <summary>Kinds whose matches pass a checksum (Luhn, ISO 7064 mod 97-10), so look-alikes are rejected.</summary>
    public static readonly IReadOnlySet<string> ChecksumValidated = new HashSet<string> { Card, Iban };
}
