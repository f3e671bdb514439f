namespace SuperTune.Core.Redaction;

/// <summary>The check digit algorithms of payment card numbers and IBANs.</summary>
public static class Checksums
{
    /// <summary>
    /// Returns whether <paramref name="digits"/> (ASCII digits only) passes the Luhn check of ISO/IEC 7812: doubling
    /// every second digit from the right, the digit sum is a multiple of 10.
    /// </summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        int sum = 0;
        bool doubleIt = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int digit = digits[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>
    /// Returns whether <paramref name="iban"/> (upper-case letters and digits, no spaces) passes the ISO 13616 check:
    /// with the first four characters moved to the end and letters replaced by 10 to 35, the number mod 97 is 1.
    /// </summary>
    public static bool IsIbanValid(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 5)
        {
            return false;
        }

        int remainder = 0;
        for (int i = 0; i < iban.Length; i++)
        {
            char c = iban[(i + 4) % iban.Length];
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
